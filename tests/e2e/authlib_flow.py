"""An independent OAuth 2.1 client (authlib) against a running mcpauth.

Registers dynamically, runs the authorization code flow with PKCE S256 and a resource
indicator (signing in and consenting through mcpauth's HTML forms as a browser would),
exchanges the code, refreshes twice, and calls userinfo. Prints a JSON summary; any failure
raises and exits non-zero.

usage: authlib_flow.py ISSUER EMAIL PASSWORD
"""

import json
import sys
from urllib.parse import parse_qs, urlparse

import httpx
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client
from browser import sign_in_and_consent

REDIRECT_URI = "http://127.0.0.1:8976/callback"


def main() -> None:
    issuer, email, password = sys.argv[1:4]
    meta = httpx.get(f"{issuer}/.well-known/oauth-authorization-server").raise_for_status().json()
    assert meta["issuer"] == issuer
    assert "S256" in meta["code_challenge_methods_supported"]

    registration = httpx.post(
        meta["registration_endpoint"],
        json={
            "client_name": "authlib e2e",
            "redirect_uris": [REDIRECT_URI],
            "grant_types": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_method": "client_secret_basic",
        },
    ).raise_for_status().json()

    client = OAuth2Client(
        client_id=registration["client_id"],
        client_secret=registration["client_secret"],
        token_endpoint_auth_method="client_secret_basic",
        redirect_uri=REDIRECT_URI,
        scope="mcp:read mcp:write offline_access",
        code_challenge_method="S256",
    )
    verifier = generate_token(64)
    resource = f"{issuer}/mcp"
    url, state = client.create_authorization_url(
        meta["authorization_endpoint"], code_verifier=verifier, resource=resource
    )
    callback = sign_in_and_consent(url, REDIRECT_URI, email, password)
    params = parse_qs(urlparse(callback).query)
    assert params["iss"] == [issuer], params
    assert params["state"] == [state], params

    token = client.fetch_token(
        meta["token_endpoint"], authorization_response=callback, code_verifier=verifier, resource=resource
    )
    assert token["token_type"].lower() == "bearer"
    first_refresh = token["refresh_token"]

    refreshed = client.refresh_token(meta["token_endpoint"], refresh_token=first_refresh)
    assert refreshed["refresh_token"] != first_refresh, "refresh tokens rotate"
    again = client.refresh_token(meta["token_endpoint"], refresh_token=refreshed["refresh_token"])

    me = httpx.get(
        meta["userinfo_endpoint"], headers={"authorization": f"Bearer {again['access_token']}"}
    ).raise_for_status().json()

    # The superseded refresh token is dead now; presenting it is reuse.
    reuse = httpx.post(
        meta["token_endpoint"],
        data={"grant_type": "refresh_token", "refresh_token": first_refresh},
        auth=(registration["client_id"], registration["client_secret"]),
    )
    print(json.dumps({
        "scope": token["scope"],
        "email": me["email"],
        "refreshes": 2,
        "reuse_status": reuse.status_code,
        "reuse_error": reuse.json().get("error"),
    }))


if __name__ == "__main__":
    main()
