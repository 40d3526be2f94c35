import * as yaml from 'yaml';
import { parse, parseAllDocuments } from 'yaml';
import { type ManifestCache, applySplice, findDeployment, indexDeployments, isolateManifest, isolatePath, scaleToZero } from '../responder/manifests';
import { deployment } from './helpers/git-repo';

// Counted, to show which texts are parsed (the real parser still does the work).
jest.mock('yaml', () => {
  const actual = jest.requireActual('yaml');
  return { ...actual, parseAllDocuments: jest.fn(actual.parseAllDocuments) };
});
const parses = yaml.parseAllDocuments as unknown as jest.Mock;

const MULTI = [
  '# front end, three documents',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web, namespace: demo}   # same name, other kind',
  'spec: {ports: [{port: 80}]}',
  '---',
  deployment('demo', 'web', 5).trimEnd(),
  '---',
  "# another namespace's web",
  deployment('shop', 'web', 2).trimEnd(),
  '',
].join('\n');

describe('responder manifests', () => {
  it('finds a Deployment by kind, name and namespace in a multi-document file', () => {
    const index = indexDeployments([['apps/web.yaml', MULTI]]);
    expect(findDeployment(index, { namespace: 'demo', name: 'web' })).toEqual({ path: 'apps/web.yaml', document: 1, namespace: 'demo', name: 'web', text: MULTI, edit: expect.objectContaining({ insert: '0', before: '5' }), matchLabels: { app: 'web' } });
    expect(findDeployment(index, { namespace: 'shop', name: 'web' })).toMatchObject({ document: 2 });
    expect(findDeployment(index, { namespace: 'demo', name: 'api' })).toEqual({ reason: 'Deployment demo/api is not found in apps as a plain manifest' });
  });

  it('with a cache, parses a file again only when its text changed, and forgets files no longer there', () => {
    const cache: ManifestCache = new Map();
    const first = indexDeployments([['apps/web.yaml', MULTI], ['apps/api.yaml', deployment('demo', 'api')]], cache);
    const kept = cache.get('apps/web.yaml')!.found;
    const again = indexDeployments([['apps/web.yaml', MULTI], ['apps/api.yaml', deployment('demo', 'api', 0)]], cache);
    // Unchanged text: the very same parse result; changed text: parsed anew.
    expect(cache.get('apps/web.yaml')!.found).toBe(kept);
    expect(again.get('demo/web')).toEqual(first.get('demo/web'));
    // The changed file was parsed anew: its Deployment is now at 0, and its edit says so.
    expect(findDeployment(first, { namespace: 'demo', name: 'api' })).toMatchObject({ edit: { insert: '0', before: '3' } });
    expect(findDeployment(again, { namespace: 'demo', name: 'api' })).toMatchObject({ edit: { contained: true } });
    const renamed = deployment('demo', 'api').replace('name: api', 'name: api2');
    const third = indexDeployments([['apps/api.yaml', renamed]], cache);
    expect([...cache.keys()]).toEqual(['apps/api.yaml']);
    expect(findDeployment(third, { namespace: 'demo', name: 'api2' })).toMatchObject({ path: 'apps/api.yaml' });
    expect(findDeployment(third, { namespace: 'demo', name: 'web' })).toHaveProperty('reason');
  });

  it('does not parse a file again when it changed only by its own scale-to-zero, and finds what a parse would', () => {
    // Three Deployments in one file (the middle one without replicas: an inserted line), and each edited in turn.
    const three = [deployment('demo', 'a', 4).trimEnd(), deployment('demo', 'b', 'absent').trimEnd(), deployment('demo', 'c', 12).trimEnd(), ''].join('\n---\n');
    for (const name of ['a', 'b', 'c']) {
      const cache: ManifestCache = new Map();
      const before = findDeployment(indexDeployments([['apps/x.yaml', three]], cache), { namespace: 'demo', name });
      if ('reason' in before || !('insert' in before.edit)) throw new Error(JSON.stringify(before));
      const { text } = applySplice(three, before.edit);
      parses.mockClear();
      const cached = indexDeployments([['apps/x.yaml', text]], cache);
      expect(parses).not.toHaveBeenCalled();
      expect(cached).toEqual(indexDeployments([['apps/x.yaml', text]]));
      expect(findDeployment(cached, { namespace: 'demo', name })).toMatchObject({ edit: { contained: true } });
    }
    // Any other change is parsed: here the same edit plus one more byte.
    const cache: ManifestCache = new Map();
    const a = findDeployment(indexDeployments([['apps/x.yaml', three]], cache), { namespace: 'demo', name: 'a' });
    if ('reason' in a || !('insert' in a.edit)) throw new Error('no edit');
    parses.mockClear();
    const other = `${applySplice(three, a.edit).text}#`;
    expect(indexDeployments([['apps/x.yaml', other]], cache)).toEqual(indexDeployments([['apps/x.yaml', other]]));
    expect(parses).toHaveBeenCalledTimes(2);
  });

  it('does not guess: templates and duplicates are not plain manifests', () => {
    const template = deployment('demo', 'tpl').replace('replicas: 3', 'replicas: {{ .Values.replicas }}');
    const index = indexDeployments([
      ['charts/x/templates/d.yaml', template],
      ['a.yaml', deployment('demo', 'twice')],
      ['b.yaml', deployment('demo', 'twice')],
    ]);
    expect(findDeployment(index, { namespace: 'demo', name: 'tpl' })).toHaveProperty('reason');
    expect(findDeployment(index, { namespace: 'demo', name: 'twice' })).toEqual({ reason: 'Deployment demo/twice is in Git more than once (a.yaml, b.yaml)' });
  });

  it('sets spec.replicas to 0 changing only that value: comments, order and other documents stay byte-identical', () => {
    const edit = scaleToZero(MULTI, 1);
    if (!('text' in edit)) throw new Error(JSON.stringify(edit));
    expect(edit.before).toBe('5');
    expect(edit.text).toBe(MULTI.replace('replicas: 5 # scaled by hand', 'replicas: 0 # scaled by hand'));
    const docs = parseAllDocuments(edit.text).map((d) => d.toJS());
    expect(docs[1].spec.replicas).toBe(0);
    expect(docs[2].spec.replicas).toBe(2);
  });

  it('inserts replicas under spec with its indentation when absent, and keeps CRLF files CRLF', () => {
    const four = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: demo}\nspec: # the spec\n    # pods\n    selector:\n        matchLabels: {app: web}\n';
    const edit = scaleToZero(four, 0);
    if (!('text' in edit)) throw new Error(JSON.stringify(edit));
    expect(edit.text).toBe(four.replace('spec: # the spec\n', 'spec: # the spec\n    replicas: 0\n'));
    expect(parse(edit.text).spec).toEqual({ replicas: 0, selector: { matchLabels: { app: 'web' } } });
    const crlf = deployment('demo', 'web', 'absent').replace(/\n/g, '\r\n');
    const e2 = scaleToZero(crlf, 0);
    expect('text' in e2 && e2.text).toBe(crlf.replace('spec:\r\n', 'spec:\r\n  replicas: 0\r\n'));
  });

  it('is idempotent and refuses what it cannot edit exactly', () => {
    expect(scaleToZero(deployment('demo', 'web', 0), 0)).toEqual({ contained: true });
    expect(scaleToZero('kind: Deployment\nspec: {replicas: 2}\n', 0)).toEqual({ reason: 'spec is not a block mapping' });
    expect(scaleToZero('kind: Deployment\nspec:\n  replicas: "2"\n', 0)).toEqual({ reason: 'spec.replicas is not a plain number' });
    expect(scaleToZero('kind: Deployment\n', 0)).toEqual({ reason: 'spec is not a block mapping' });
  });

  it('isolates with a NetworkPolicy that selects the pods by the Deployment selector and allows nothing', () => {
    const w = { namespace: 'demo', name: 'web' };
    expect(isolatePath(w)).toBe('responses/demo/isolate-web.yaml');
    const np = parse(isolateManifest(w, { tier: 'front', app: 'web' }));
    expect(np).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'responder-isolate-web', namespace: 'demo', labels: { 'app.kubernetes.io/managed-by': 'responder' } },
      spec: { podSelector: { matchLabels: { app: 'web', tier: 'front' } }, policyTypes: ['Ingress', 'Egress'] },
    });
    // File names stay within NAME_MAX (255 bytes): the longest names keep their start and a hash of the whole.
    const longest = (c: string) => ({ namespace: 'demo', name: c.repeat(253) });
    const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    expect(base(isolatePath(longest('a'))).length).toBeLessThanOrEqual(255);
    expect(isolatePath(longest('a'))).toBe(isolatePath(longest('a')));
    expect(isolatePath(longest('a'))).not.toBe(isolatePath({ namespace: 'demo', name: `${'a'.repeat(252)}b` }));
    expect(isolatePath({ namespace: 'demo', name: 'a'.repeat(242) })).toBe(`responses/demo/isolate-${'a'.repeat(242)}.yaml`);
    const long = parse(isolateManifest({ namespace: 'demo', name: 'a'.repeat(60) }, { app: 'x' }));
    expect(long.metadata.name.length).toBeLessThanOrEqual(63);
    expect(isolateManifest(w, { app: 'web', tier: 'front' })).toBe(isolateManifest(w, { tier: 'front', app: 'web' }));
  });
});
