import { gitEnv, RESPONDER_IDENTITY } from '../responder/git';
import { receiverPath, receiverSignature } from '../responder/server';

const OPENSSL_PATH = 'b4ed96657f619deceb967ae4ea5108cc55bc4200b3c288f9482521f19677c392';
const OPENSSL_HMAC = '5c88aa97c426854fb8f94deb5a1f202a537891ced9b9ae9c99bc1d3323d27d53';

describe('responder git transport', () => {
  it('uses the key file and known_hosts with strict host key checking and connection deadlines, quoted for the shell git runs it in', () => {
    const env = gitEnv({ keyFile: "/etc/responder/git/it's", knownHosts: '/etc/responder/git/known_hosts' });
    expect(env.GIT_SSH_COMMAND).toBe(
      "ssh -i '/etc/responder/git/it'\\''s' -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile='/etc/responder/git/known_hosts' -o StrictHostKeyChecking=yes -o ConnectTimeout=10 -o ServerAliveInterval=15 -o ServerAliveCountMax=2",
    );
    expect([env.GIT_AUTHOR_NAME, env.GIT_COMMITTER_EMAIL, env.GIT_TERMINAL_PROMPT]).toEqual([RESPONDER_IDENTITY.name, RESPONDER_IDENTITY.email, '0']);
    expect(gitEnv().GIT_SSH_COMMAND).toBe(process.env.GIT_SSH_COMMAND);
  });

  it('computes the Flux Receiver path and generic-hmac signature as notification-controller does', () => {
    // sha256("token" + "flux-system" + "flux-system") and HMAC-SHA256("{}", "token"), computed independently with openssl.
    expect(receiverPath({ token: 'token', name: 'flux-system', namespace: 'flux-system' })).toBe(`/hook/${OPENSSL_PATH}`);
    expect(receiverSignature('{}', 'token')).toBe(`sha256=${OPENSSL_HMAC}`);
  });
});
