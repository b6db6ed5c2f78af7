//! The embedded MCP server, so `init && serve` is useful alone: file tools confined to the
//! files root, and `whoami`. Served with rmcp, which speaks every protocol revision.

use std::sync::Arc;
use std::time::Instant;

use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock,
    Implementation, JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
    ServerConfig, Tool, ToolAnnotations,
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
            self.run(&caller, &name, request.arguments.unwrap_or_default())
                .await
        };
        let outcome = match &result {
            Ok(r) if r.is_error == Some(true) => "tool_error",
            Ok(_) => "ok",
            Err(_) => "refused",
        };
        caller.record_tool_call(&self.audit, "mcp", &name, started, outcome);
        result.map(CallToolResponse::Complete)
    }
}
