//! The embedded MCP server, so `init && serve` is useful alone: file tools confined to the
//! files root, and `whoami`. Served with rmcp, which speaks every protocol revision.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock,
    Implementation, JsonObject, JsonRpcVersion2_0, ListToolsResult, PaginatedRequestParams,
    ProtocolVersion, RequestId, ServerCapabilities, ServerConfig, ServerJsonRpcMessage,
    ServerResult, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::{Value, json};

use super::files::{Files, FilesError};
use super::gate::Caller;
use crate::db::audit::Writer;
use crate::oauth::scope;

/// How long clients may cache the tool list (it depends only on the caller's scopes).
const LIST_TTL_MS: u64 = 60_000;

struct Spec {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    read_only: bool,
    needs_files: bool,
    schema: fn() -> Value,
}

const SPECS: &[Spec] = &[
    Spec {
        name: "whoami",
        title: "Who am I",
        description: "Tell who is signed in, through which client, with which scopes.",
        read_only: true,
        needs_files: false,
        schema: || json!({ "type": "object", "properties": {} }),
    },
    Spec {
        name: "list_directory",
        title: "List directory",
        description: "List the files and directories at a path inside the files directory ('.' is its top).",
        read_only: true,
        needs_files: true,
        schema: || json!({ "type": "object", "properties": { "path": { "type": "string", "description": "Relative path, default '.'" } } }),
    },
    Spec {
        name: "read_file",
        title: "Read file",
        description: "Read a text file inside the files directory.",
        read_only: true,
        needs_files: true,
        schema: || json!({ "type": "object", "properties": { "path": { "type": "string" } }, "required": ["path"] }),
    },
    Spec {
        name: "search_files",
        title: "Search files",
        description: "Find files whose names or lines contain the query (case-insensitive).",
        read_only: true,
        needs_files: true,
        schema: || {
            json!({ "type": "object", "properties": {
            "query": { "type": "string" }, "path": { "type": "string", "description": "Where to search, default '.'" } },
            "required": ["query"] })
        },
    },
    Spec {
        name: "write_file",
        title: "Write file",
        description: "Create or replace a text file inside the files directory. Its directory must exist.",
        read_only: false,
        needs_files: true,
        schema: || {
            json!({ "type": "object", "properties": {
            "path": { "type": "string" }, "content": { "type": "string" } }, "required": ["path", "content"] })
        },
    },
];

/// The scope a built-in tool needs; `None` for a name that is not a built-in tool.
pub fn required_scope(tool: &str) -> Option<&'static str> {
    SPECS.iter().find(|s| s.name == tool).map(|s| {
        if s.read_only {
            scope::READ
        } else {
            scope::WRITE
        }
    })
}

#[derive(Clone)]
pub struct Builtin {
    files: Option<Arc<Files>>,
    audit: Writer,
}

impl Builtin {
    pub fn new(files: Option<Files>, audit: Writer) -> Builtin {
        Builtin {
            files: files.map(Arc::new),
            audit,
        }
    }

    fn offered(&self) -> impl Iterator<Item = &'static Spec> + '_ {
        SPECS
            .iter()
            .filter(|s| !s.needs_files || self.files.is_some())
    }

    async fn run(
        &self,
        caller: &Caller,
        name: &str,
        args: JsonObject,
    ) -> Result<CallToolResult, ErrorData> {
        let text = |key: &str| args.get(key).and_then(Value::as_str).map(str::to_owned);
        if name == "whoami" {
            let me = json!({ "email": caller.email, "client_id": caller.client_id, "scopes": caller.scopes.to_string() });
            return Ok(CallToolResult::success(vec![ContentBlock::text(format!(
                "Signed in as {} through client {}, with scopes: {}.",
                caller.email, caller.client_id, caller.scopes
            ))])
            .with_structured(me));
        }
        let files = self
            .files
            .clone()
            .ok_or_else(|| ErrorData::invalid_params(format!("unknown tool {name}"), None))?;
        let missing = |key: &str| ErrorData::invalid_params(format!("'{key}' is required"), None);
        let (name, path) = (name.to_owned(), text("path").unwrap_or_else(|| ".".into()));
        let (query, content) = (text("query"), text("content"));
        if name == "read_file" && text("path").is_none() {
            return Err(missing("path"));
        }
        if name == "search_files" && query.is_none() {
            return Err(missing("query"));
        }
        if name == "write_file" && (content.is_none() || text("path").is_none()) {
            return Err(missing(if content.is_none() { "content" } else { "path" }));
        }
        let outcome = tokio::task::spawn_blocking(move || -> Result<Value, FilesError> {
            Ok(match name.as_str() {
                "list_directory" => json!({ "entries": files.list(&path)? }),
                "read_file" => json!({ "content": files.read(&path)? }),
                "search_files" => {
                    json!({ "matches": files.search(query.as_deref().unwrap_or(""), &path)? })
                }
                "write_file" => {
                    json!({ "written": files.write(&path, content.as_deref().unwrap_or(""))? })
                }
                other => return Err(FilesError::NotFound(other.to_owned())),
            })
        })
        .await
        .map_err(|e| ErrorData::internal_error(e.to_string(), None))?;
        Ok(match outcome {
            Ok(value) => {
                let shown = match value.get("content").and_then(Value::as_str) {
                    Some(content) => content.to_owned(),
                    None => serde_json::to_string_pretty(&value).unwrap_or_default(),
                };
                CallToolResult::success(vec![ContentBlock::text(shown)]).with_structured(value)
            }
            // Refusals go back as tool errors so the model can read them and correct itself.
            Err(e) => CallToolResult::error(vec![ContentBlock::text(e.to_string())]),
        })
    }
}

trait WithStructured {
    fn with_structured(self, value: Value) -> Self;
}

impl WithStructured for CallToolResult {
    fn with_structured(mut self, value: Value) -> Self {
        self.structured_content = Some(value);
        self
    }
}

fn tool(spec: &Spec) -> Tool {
    let schema = match (spec.schema)() {
        Value::Object(map) => map,
        _ => JsonObject::new(),
    };
    Tool::new(spec.name, spec.description, Arc::new(schema))
        .with_title(spec.title)
        .with_annotations(
            ToolAnnotations::with_title(spec.title)
                .read_only(spec.read_only)
                .destructive(!spec.read_only)
                .idempotent(true)
                .open_world(false),
        )
}

impl ServerHandler for Builtin {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("mcpauth", env!("CARGO_PKG_VERSION")))
            .with_instructions("Tools of the person signed in to mcpauth: files in their files directory, and whoami.")
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let caller = Caller::of(&context)?;
        let tools = self
            .offered()
            .filter(|s| {
                caller.has(if s.read_only {
                    scope::READ
                } else {
                    scope::WRITE
                })
            })
            .map(tool)
            .collect();
        // Filtered by the caller's scopes: cacheable only privately.
        Ok(ListToolsResult::with_all_items(tools)
            .with_ttl_ms(LIST_TTL_MS)
            .with_cache_scope(CacheScope::Private))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let caller = Caller::of(&context)?;
        self.call(&caller, request)
            .await
            .map(CallToolResponse::Complete)
    }
}

impl Builtin {
    /// One tool call as `caller` may make it, audited.
    async fn call(
        &self,
        caller: &Caller,
        request: CallToolRequestParams,
    ) -> Result<CallToolResult, ErrorData> {
        let name = request.name.to_string();
        let started = Instant::now();
        let known = self.offered().any(|s| s.name == name);
        let result = if !known {
            Err(ErrorData::invalid_params(
                format!("unknown tool {name}"),
                None,
            ))
        } else if required_scope(&name).is_some_and(|needed| !caller.has(needed)) {
            Err(ErrorData::invalid_params(
                format!("{name} needs a scope this token lacks"),
                None,
            ))
        } else {
            self.run(caller, &name, request.arguments.unwrap_or_default())
                .await
        };
        let outcome = match &result {
            Ok(r) if r.is_error == Some(true) => "tool_error",
            Ok(_) => "ok",
            Err(_) => "refused",
        };
        caller.record_tool_call(&self.audit, "mcp", &name, started, outcome);
        result
    }

    /// Answers a `tools/call` of the revision without sessions (2026-07-28) directly, when rmcp
    /// would accept the request as it stands: its headers agree with its body, its media types
    /// are plain, its `_meta` is complete. Such a call needs no session, and skipping the
    /// per-request rmcp service that would otherwise serve it removes most of its cost. The
    /// answer is the one rmcp gives (`direct_answers_match_rmcp` checks). Any other request is
    /// handed back untouched, for rmcp to serve or refuse.
    pub async fn answer_directly(&self, req: Request) -> Result<Response, Request> {
        let Some(caller) = req.extensions().get::<Arc<Caller>>().cloned() else {
            return Err(req);
        };
        let headers = req.headers();
        let only = |name: &str| {
            let mut values = headers.get_all(name).iter();
            match (values.next(), values.next()) {
                (Some(value), None) => value.to_str().ok(),
                _ => None,
            }
        };
        let plain_accept = only("accept").is_some_and(|accept| {
            let types: Vec<&str> = accept.split(',').map(str::trim).collect();
            !accept.contains([';', '"'])
                && types.iter().any(|t| t.eq_ignore_ascii_case(JSON))
                && types.iter().any(|t| t.eq_ignore_ascii_case(SSE))
        });
        let name_header = only("mcp-name").map(str::to_owned);
        let eligible = req.method() == Method::POST
            && only("host").is_some_and(|h| axum::http::uri::Authority::try_from(h).is_ok())
            && plain_accept
            && only("content-type").is_some_and(|t| t.eq_ignore_ascii_case(JSON))
            && only("mcp-protocol-version") == Some(STATELESS)
            && only("mcp-method") == Some("tools/call")
            && name_header.is_some()
            && !headers.contains_key("mcp-session-id")
            && !headers.keys().any(|k| k.as_str().starts_with("mcp-param-"));
        if !eligible {
            return Err(req);
        }
        let (parts, body) = req.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, super::gate::MAX_MESSAGE).await else {
            return Ok((StatusCode::PAYLOAD_TOO_LARGE, "message too large").into_response());
        };
        let call = serde_json::from_slice::<DirectCall>(&bytes)
            .ok()
            .filter(|call| {
                let meta = call.params.meta.as_ref();
                call.method == "tools/call"
                    && Some(call.params.name.as_ref()) == name_header.as_deref()
                    && meta.and_then(|m| m.protocol_version()).as_ref()
                        == Some(&ProtocolVersion::V_2026_07_28)
                    && meta.is_some_and(|m| {
                        m.missing_required_keys(&ProtocolVersion::V_2026_07_28)
                            .is_empty()
                    })
            });
        let Some(call) = call else {
            return Err(Request::from_parts(parts, Body::from(bytes)));
        };
        let message = match self.call(&caller, call.params).await {
            Ok(result) => ServerJsonRpcMessage::response(
                ServerResult::from(CallToolResponse::Complete(result)),
                call.id,
            ),
            Err(error) => ServerJsonRpcMessage::error(error, Some(call.id)),
        };
        Ok(match serde_json::to_vec(&message) {
            Ok(body) => ([(header::CONTENT_TYPE, JSON)], body).into_response(),
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        })
    }
}

const JSON: &str = "application/json";
const SSE: &str = "text/event-stream";
const STATELESS: &str = "2026-07-28";

/// A JSON-RPC `tools/call` request, as rmcp would read it.
#[derive(serde::Deserialize)]
struct DirectCall {
    #[allow(dead_code)] // checked by deserialising: only "2.0" is accepted
    jsonrpc: JsonRpcVersion2_0,
    id: RequestId,
    method: String,
    params: CallToolRequestParams,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, SharedDb};
    use crate::oauth::scope::Scopes;
    use tower::ServiceExt;

    fn caller(scopes: &str) -> Arc<Caller> {
        Arc::new(Caller {
            user_id: 1,
            email: "ada@example.com".into(),
            client_id: "client-1".into(),
            scopes: Scopes::parse(scopes),
            grant_id: 1,
            audience: "http://127.0.0.1/mcp".into(),
            expires_at: i64::MAX,
        })
    }

    fn request(caller: &Arc<Caller>, headers: &[(&str, &str)], params: Value) -> Request {
        let mut params = params;
        params["_meta"] = json!({ "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {},
            "io.modelcontextprotocol/clientInfo": { "name": "test", "version": "1" } });
        let name = params["name"].as_str().unwrap_or("").to_owned();
        let body = json!({ "jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": params });
        let mut req = Request::post("/mcp")
            .header("host", "127.0.0.1")
            .header("content-type", "application/json")
            .header("accept", "application/json, text/event-stream")
            .header("mcp-protocol-version", "2026-07-28")
            .header("mcp-method", "tools/call")
            .header("mcp-name", name);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let mut req = req.body(Body::from(body.to_string())).unwrap();
        req.extensions_mut().insert(caller.clone());
        req
    }

    async fn parts(response: Response) -> (StatusCode, Option<String>, Value) {
        let status = response.status();
        let kind = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        (status, kind, body)
    }

    #[tokio::test]
    async fn direct_answers_match_rmcp() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("files");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("notes.txt"), "milk\neggs\n").unwrap();
        std::fs::write(root.join("blob.bin"), [0u8, 159, 146, 150]).unwrap();
        let db = SharedDb::new(Db::create(&dir.path().join("m.db")).unwrap());
        let tools = Builtin::new(Some(Files::open(&root).unwrap()), Writer::spawn(db));
        let service = super::super::builtin_service(
            tools.clone(),
            tokio_util::sync::CancellationToken::new(),
        );
        let (reader, writer) = (caller("mcp:read"), caller("mcp:read mcp:write"));
        let calls = [
            (&reader, json!({ "name": "whoami" })),
            (
                &reader,
                json!({ "name": "read_file", "arguments": { "path": "notes.txt" } }),
            ),
            (
                &reader,
                json!({ "name": "read_file", "arguments": { "path": "blob.bin" } }),
            ),
            (
                &reader,
                json!({ "name": "read_file", "arguments": { "path": "../m.db" } }),
            ),
            (&reader, json!({ "name": "read_file" })),
            (&reader, json!({ "name": "list_directory" })),
            (
                &reader,
                json!({ "name": "search_files", "arguments": { "query": "EGG" } }),
            ),
            (&reader, json!({ "name": "no_such_tool" })),
            (
                &reader,
                json!({ "name": "write_file", "arguments": { "path": "a.txt", "content": "x" } }),
            ),
            (
                &writer,
                json!({ "name": "write_file", "arguments": { "path": "a.txt", "content": "x" } }),
            ),
        ];
        for (who, params) in calls {
            let direct = match tools
                .answer_directly(request(who, &[], params.clone()))
                .await
            {
                Ok(response) => parts(response).await,
                Err(_) => panic!("{params} was not answered directly"),
            };
            let via_rmcp = parts(
                service
                    .clone()
                    .oneshot(request(who, &[], params.clone()))
                    .await
                    .unwrap()
                    .into_response(),
            )
            .await;
            assert_eq!(direct, via_rmcp, "{params}");
            assert_eq!(direct.0, StatusCode::OK);
        }
        assert_eq!(std::fs::read_to_string(root.join("a.txt")).unwrap(), "x");

        // What rmcp would refuse or treat otherwise is left to rmcp.
        let whoami = json!({ "name": "whoami" });
        for headers in [
            &[("mcp-name", "read_file")][..],
            &[("accept", "application/json;q=0")],
            &[("mcp-session-id", "s-1")],
            &[("mcp-param-path", "x")],
            &[("host", "a b")],
        ] {
            let mut req = request(&reader, &[], whoami.clone());
            for (k, v) in headers {
                req.headers_mut().insert(*k, v.parse().unwrap());
            }
            assert!(tools.answer_directly(req).await.is_err(), "{headers:?}");
        }
        let mut no_capabilities = request(&reader, &[], whoami.clone());
        let body = json!({ "jsonrpc": "2.0", "id": 7, "method": "tools/call",
            "params": { "name": "whoami", "_meta": { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } } });
        *no_capabilities.body_mut() = Body::from(body.to_string());
        let handed_back = tools.answer_directly(no_capabilities).await;
        let Err(handed_back) = handed_back else {
            panic!("a call without client capabilities was answered directly")
        };
        let bytes = axum::body::to_bytes(handed_back.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(&bytes).unwrap(),
            body,
            "the body is handed back whole"
        );
    }
}
