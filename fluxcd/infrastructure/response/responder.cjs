// Placeholder for the responder bundle (issue 8), which is not merged on this branch: regenerate after merging it.
