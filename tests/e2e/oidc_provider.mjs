// A real OpenID Connect provider (npm oidc-provider) on loopback, for the upstream-login tests.
// Its development sign-in form takes any login and password; the login names the account:
//   "alice@example.com"            → email alice@example.com, verified
//   "unverified:bob@example.com"   → email bob@example.com, not verified
//
// usage: node oidc_provider.mjs CLIENT_ID CLIENT_SECRET REDIRECT_URI
// env:   MCPAUTH_TEST_NODE_MODULES (where oidc-provider is installed)
// Listens on an ephemeral loopback port and prints "ready ISSUER" once it does.
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.MCPAUTH_TEST_NODE_MODULES;
const { default: Provider } = await import(pathToFileURL(join(modules, "oidc-provider", "lib", "index.js")));
const [clientId, clientSecret, redirectUri] = process.argv.slice(2);

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  }],
  claims: { openid: ["sub"], email: ["email", "email_verified"] },
  async findAccount(_ctx, id) {
    const unverified = id.startsWith("unverified:");
    const email = unverified ? id.slice("unverified:".length) : id;
    return { accountId: id, async claims() { return { sub: id, email, email_verified: !unverified }; } };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
});
for (const event of ["grant.error", "authorization.error", "server_error"]) {
  provider.on(event, (_ctx, error) => console.error(event, error.error_detail ?? error.message));
}
server.on("request", provider.callback());
console.log(`ready ${issuer}`);
