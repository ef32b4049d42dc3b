// A real OpenID Connect provider (the certified `oidc-provider` package) standing in for a
// city's identity service such as Llave CDMX. crates/server/tests/it/identity_methods.rs
// starts it as `node provider.mjs PORT REDIRECT_URI` and reads "ready" from stdout.
//
// One confidential client (`citysync`, secret `citysync-secret`), code flow with PKCE.
// The development-only login and consent pages (devInteractions) stand in for the real
// ones: any login is accepted and becomes the account id; findAccount gives the accounts
// below their `curp` claim, released with the `curp` scope. As the specification says
// (OpenID Connect Core 5.4), scope-requested claims come from the userinfo endpoint, not
// the ID token (conformIdTokenClaims).
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
if (!port || !redirectUri) {
  console.error('usage: node provider.mjs PORT REDIRECT_URI');
  process.exit(2);
}

// Two logins carry the same CURP (one person, two provider accounts); one carries none.
const people = {
  ana: 'GODE561231HDFRRN04',
  'ana-again': 'GODE561231HDFRRN04',
  ben: 'BADD110313HCMLNS09',
  nocurp: undefined,
};

const provider = new Provider(`http://localhost:${port}`, {
  clients: [{
    client_id: 'citysync',
    client_secret: 'citysync-secret',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub'], curp: ['curp'] },
  scopes: ['openid', 'curp'],
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    if (!Object.hasOwn(people, id)) return undefined;
    return {
      accountId: id,
      async claims() {
        const curp = people[id];
        return curp ? { sub: id, curp } : { sub: id };
      },
    };
  },
});

provider.on('server_error', (ctx, err) => console.error('server_error', err));

provider.listen(Number(port), '127.0.0.1', () => {
  console.log('ready');
});
