"""An independent client (authlib) authenticating with private_key_jwt, as ChatGPT does.

The client is identified by its metadata document URL; authlib signs a fresh RS256 client
assertion for every token request. Runs authorize -> sign-in -> consent -> token -> refresh,
then a tool call on /mcp with the access token. Prints a JSON summary.

usage: private_key_jwt_flow.py ISSUER CLIENT_ID REDIRECT_URI KEY_PEM KID EMAIL PASSWORD
"""

import json
import sys
from urllib.parse import parse_qs, urlparse

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from browser import sign_in_and_consent


def main() -> None:
    issuer, client_id, redirect_uri, key_path, kid, email, password = sys.argv[1:8]
    meta = httpx.get(f"{issuer}/.well-known/oauth-authorization-server").raise_for_status().json()
    assert "private_key_jwt" in meta["token_endpoint_auth_methods_supported"]
    token_endpoint = meta["token_endpoint"]

    client = OAuth2Client(
        client_id=client_id,
        client_secret=open(key_path).read(),
        token_endpoint_auth_method="private_key_jwt",
        redirect_uri=redirect_uri,
        scope="mcp:read mcp:write offline_access",
        code_challenge_method="S256",
    )
    client.register_client_auth_method(PrivateKeyJWT(token_endpoint, headers={"kid": kid}))
    verifier = "x" * 20 + "authlib-private-key-jwt-verifier-0123456789"
    url, state = client.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier)

    url = sign_in_and_consent(url, redirect_uri, email, password, client_name="ChatGPT")
    assert parse_qs(urlparse(url).query)["state"] == [state]

    token = client.fetch_token(token_endpoint, authorization_response=url, code_verifier=verifier)
    refreshed = client.refresh_token(token_endpoint, refresh_token=token["refresh_token"])
    meta_2026 = {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "authlib", "version": "1"},
    }
    called = httpx.post(
        f"{issuer}/mcp",
        headers={
            "authorization": f"Bearer {refreshed['access_token']}",
            "accept": "application/json, text/event-stream",
            "mcp-protocol-version": "2026-07-28",
            "mcp-method": "tools/call",
            "mcp-name": "whoami",
        },
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/call",
              "params": {"name": "whoami", "arguments": {}, "_meta": meta_2026}},
    ).raise_for_status().json()
    print(json.dumps({
        "token_type": token["token_type"],
        "rotated": refreshed["refresh_token"] != token["refresh_token"],
        "whoami": called["result"]["structuredContent"],
    }))


if __name__ == "__main__":
    main()
