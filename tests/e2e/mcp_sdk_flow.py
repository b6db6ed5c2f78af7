"""The official Python MCP SDK, with its own OAuth client, against mcpauth's /mcp.

The SDK discovers the authorization server from the 401 and the protected resource metadata,
registers itself, and runs the authorization code flow with PKCE; the redirect handler plays
the person at the browser (sign-in and consent forms over HTTP). Then it lists and calls the
built-in tools. Prints a JSON summary; any failure raises and exits non-zero.

usage: mcp_sdk_flow.py MCP_URL EMAIL PASSWORD MODE      (MODE: auto | legacy | sse)
       mcp_sdk_flow.py MCP_URL EMAIL PASSWORD MODE TOOL ARGS_JSON
                        (any server: list its tools and call TOOL with ARGS_JSON)
"""

import asyncio
import json
import sys
from urllib.parse import parse_qs, urlparse

import httpx2
from mcp import Client
from mcp.client.auth import OAuthClientProvider
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from browser import sign_in_and_consent

REDIRECT_URI = "http://127.0.0.1:8977/callback"


class MemoryStorage:
    def __init__(self):
        self.tokens = None
        self.client_info = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info


async def main() -> None:
    mcp_url, email, password, mode = sys.argv[1:5]
    landed = {}

    async def play_browser(authorization_url: str) -> None:
        landed["url"] = await asyncio.to_thread(sign_in_and_consent, authorization_url, REDIRECT_URI, email, password)

    async def callback() -> AuthorizationCodeResult:
        query = parse_qs(urlparse(landed["url"]).query)
        return AuthorizationCodeResult(code=query["code"][0], state=query.get("state", [None])[0], iss=query.get("iss", [None])[0])

    auth = OAuthClientProvider(
        server_url=mcp_url,
        client_metadata=OAuthClientMetadata(
            client_name="mcp python sdk e2e",
            redirect_uris=[REDIRECT_URI],
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="none",
        ),
        storage=MemoryStorage(),
        redirect_handler=play_browser,
        callback_handler=callback,
    )
    async with httpx2.AsyncClient(auth=auth, timeout=120) as http:
        # sse: the legacy HTTP+SSE transport, which only knows the initialize handshake.
        transport = sse_client(mcp_url, auth=auth) if mode == "sse" else streamable_http_client(mcp_url, http_client=http)
        async with Client(transport, mode="legacy" if mode == "sse" else mode) as client:
            tools = await client.list_tools()
            if len(sys.argv) > 5:
                called = await client.call_tool(sys.argv[5], json.loads(sys.argv[6]))
                print(json.dumps({
                    "tools": sorted(t.name for t in tools.tools),
                    "is_error": called.is_error,
                    "text": called.content[0].text if called.content else None,
                }))
                return
            me = await client.call_tool("whoami", {})
            written = await client.call_tool("write_file", {"path": "sdk.txt", "content": "written by the SDK"})
            read = await client.call_tool("read_file", {"path": "sdk.txt"})
            escape = await client.call_tool("read_file", {"path": "../../etc/passwd"})
    print(json.dumps({
        "tools": sorted(t.name for t in tools.tools),
        "whoami": me.structured_content,
        "written_error": written.is_error,
        "read": read.content[0].text,
        "escape_error": escape.is_error,
        "escape_text": escape.content[0].text,
    }))

if __name__ == "__main__":
    asyncio.run(main())
