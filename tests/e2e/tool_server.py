"""An MCP server built with the official Python SDK, for the upstream tests.

usage: tool_server.py stdio            (speaks MCP on stdin/stdout)
       tool_server.py http PORT        (Streamable HTTP on 127.0.0.1:PORT/mcp)
       tool_server.py sse PORT         (legacy HTTP+SSE on 127.0.0.1:PORT/sse)
"""

import os
import sys

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations

server = MCPServer("tool-server")
READ_ONLY = ToolAnnotations(readOnlyHint=True)


@server.tool(annotations=READ_ONLY)
def echo(text: str) -> str:
    """Return the text."""
    return text


@server.tool(annotations=READ_ONLY)
def pid() -> str:
    """Return this server's process id."""
    return str(os.getpid())


@server.tool()
def remember(note: str) -> str:
    """Not annotated read-only: counts as a tool that changes things."""
    return f"remembered {note}"


@server.tool(annotations=READ_ONLY)
def crash() -> str:
    """Exit in the middle of the call."""
    print("crashing on purpose", file=sys.stderr, flush=True)
    os._exit(3)


if __name__ == "__main__":
    if sys.argv[1] in ("http", "sse"):
        transport = "streamable-http" if sys.argv[1] == "http" else "sse"
        server.run(transport, host="127.0.0.1", port=int(sys.argv[2]))
    else:
        server.run("stdio")
