/**
 * Who may reach the Kubernetes API server, judged once for preflight and synth: `[]` (AKS then sets no
 * authorized ranges) and a range of prefix length 0 (`0.0.0.0/0`, every address) are the same exposure, so
 * they get the same warning.
 */

/** Why the ranges open the API server to the internet, or undefined when they restrict it (or are unset). */
export function internetExposure(ranges: readonly string[] | undefined): string | undefined {
  if (ranges === undefined) return undefined;
  if (ranges.length === 0) return 'is [] (explicit opt-out)';
  const everything = ranges.filter((r) => /\/0$/.test(r.trim()));
  if (everything.length > 0) return `holds ${everything.join(', ')}, which is every address (the same as [])`;
  return undefined;
}

/** The warning preflight and synth print for an exposed API server. */
export function exposureWarning(why: string): string {
  return `cluster.apiServerAuthorizedIpRanges ${why}: the Kubernetes API server accepts connections from any address on the internet. Set it to your address, e.g. [203.0.113.7/32].`;
}
