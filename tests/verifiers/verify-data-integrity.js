/*!
 * Verifies a credential's Data Integrity proof (eddsa-rdfc-2022) with Digital Bazaar's libraries,
 * independently of the site's Python code.
 *
 * stdin:  {"credential": {...}, "documents": {"<url>": <document>, ...}}
 * stdout: {"verified": true|false, "errors": ["..."], "verificationMethod": "...", ...}
 *
 * The document loader serves only the documents of the bundle (contexts, the issuer's controller
 * document): nothing is fetched. A URL with a fragment is the node with that id in the bundle's
 * document at the URL without it, with that document's @context. The one addition is the
 * security v2 context that jsonld-signatures itself frames controller documents with.
 */
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';
import securityContext from '@digitalbazaar/security-context';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function findNode(value, id) {
  if(Array.isArray(value)) {
    for(const item of value) {
      const found = findNode(item, id);
      if(found) {
        return found;
      }
    }
    return null;
  }
  if(value && typeof value === 'object') {
    if(value.id === id) {
      return value;
    }
    for(const [key, item] of Object.entries(value)) {
      if(key !== '@context') {
        const found = findNode(item, id);
        if(found) {
          return found;
        }
      }
    }
  }
  return null;
}

function makeDocumentLoader(documents) {
  const loader = new JsonLdDocumentLoader();
  const {SECURITY_CONTEXT_V2_URL, contexts} = securityContext;
  if(!(SECURITY_CONTEXT_V2_URL in documents)) {
    loader.addStatic(SECURITY_CONTEXT_V2_URL, contexts.get(SECURITY_CONTEXT_V2_URL));
  }
  for(const [url, document] of Object.entries(documents)) {
    loader.addStatic(url, document);
  }
  const load = loader.build();
  const requested = [];
  async function documentLoader(url) {
    requested.push(url);
    const hash = url.indexOf('#');
    if(hash === -1) {
      return load(url);
    }
    const {document} = await load(url.slice(0, hash));
    const node = findNode(document, url);
    if(!node) {
      throw new Error(`No node "${url}" in the document at ${url.slice(0, hash)}.`);
    }
    return {
      contextUrl: null,
      documentUrl: url,
      document: {'@context': document['@context'], ...node}
    };
  }
  return {documentLoader, requested};
}

function messages(error) {
  if(!error) {
    return [];
  }
  if(Array.isArray(error)) {
    return error.flatMap(messages);
  }
  const own = [error.message || String(error)];
  return own.concat(messages(error.errors), messages(error.cause));
}

async function main() {
  const {credential, documents = {}} = await readStdin();
  const {documentLoader, requested} = makeDocumentLoader(documents);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  let result;
  try {
    result = await vc.verifyCredential({
      credential,
      suite,
      documentLoader,
      // Revocation is the business of the status tests; here only the proof is checked.
      checkStatus: async () => ({verified: true})
    });
  } catch(error) {
    result = {verified: false, error};
  }
  const errors = messages(result.error);
  for(const item of result.results || []) {
    errors.push(...messages(item.error));
  }
  const [first] = result.results || [];
  process.stdout.write(JSON.stringify({
    verified: result.verified === true,
    errors: [...new Set(errors)],
    verificationMethod: first?.verificationMethod?.id ?? null,
    requested
  }) + '\n');
}

main().catch(error => {
  process.stdout.write(JSON.stringify({verified: false, errors: messages(error)}) + '\n');
  process.exitCode = 2;
});
