//! Writes the usage guide at the top of each API module's docs: configuration, calls with
//! per-call options, raw responses, errors, pagination and waiters, each as an example built
//! from a real method of the spec, so every example compiles as a doctest.

use crate::model::{Api, InputKind, Method, Resource, Response, TypeKind, TypeRef};
use crate::naming::unraw;

/// A method with the accessor chain that reaches it (`client.compute().vms()`).
struct Found<'a> {
    chain: String,
    method: &'a Method,
}

fn find<'a>(
    resources: &'a [Resource],
    prefix: &str,
    pick: &impl Fn(&Method) -> bool,
) -> Option<Found<'a>> {
    resources.iter().find_map(|r| {
        // Code, so keywords stay raw (`client.r#type()`).
        let chain = format!("{prefix}.{}()", r.accessor);
        r.methods
            .iter()
            .find(|m| pick(m))
            .map(|method| Found {
                chain: chain.clone(),
                method,
            })
            .or_else(|| find(&r.children, &chain, pick))
    })
}

/// An example value for an argument: a placeholder string, or an enum's first variant
/// (`RebootType::Soft`, whose type then needs importing).
fn example_value(api: &Api, ty: &TypeRef, name: &str) -> Option<(String, Option<String>)> {
    match ty {
        TypeRef::String => Some((format!("\"{}\"", unraw(name).replace('_', "-")), None)),
        TypeRef::Named(enum_name) => {
            let decl = api.types.iter().find(|t| &t.rust == enum_name)?;
            let TypeKind::StringEnum(variants) = &decl.kind else {
                return None;
            };
            let first = variants.first()?;
            Some((
                format!("{enum_name}::{}", first.rust),
                Some(enum_name.clone()),
            ))
        }
        _ => None,
    }
}

/// Whether an example can fill every required argument and parameter.
fn simple(api: &Api, m: &Method) -> bool {
    m.args.iter().all(|a| {
        !matches!(a.kind, InputKind::Body | InputKind::RawBody)
            && a.required
            && example_value(api, &a.ty, &a.rust).is_some()
    }) && m.params.as_ref().is_none_or(|p| {
        p.fields
            .iter()
            .filter(|f| f.required)
            .all(|f| example_value(api, &f.ty, &f.rust).is_some())
    })
}

/// The call expression, e.g. `client.operations().list(OperationsListParams::new("project-id"))`.
fn call(api: &Api, found: &Found<'_>) -> String {
    let value = |ty: &TypeRef, name: &str| {
        example_value(api, ty, name).map_or_else(String::new, |(value, _)| value)
    };
    let mut args: Vec<String> = found
        .method
        .args
        .iter()
        .map(|a| value(&a.ty, &a.rust))
        .collect();
    if let Some(params) = &found.method.params {
        let required: Vec<String> = params
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| value(&f.ty, &f.rust))
            .collect();
        if params.fields.iter().any(|f| f.required) {
            args.push(format!("{}::new({})", params.rust, required.join(", ")));
        } else {
            args.push(format!("{}::default()", params.rust));
        }
    }
    format!(
        "client{}.{}({})",
        found.chain,
        found.method.rust,
        args.join(", ")
    )
}

fn imports(api: &Api, found: &[&Found<'_>]) -> String {
    let mut names = vec!["Client".to_owned()];
    for f in found {
        if let Some(p) = &f.method.params {
            names.push(p.rust.clone());
        }
        let inputs = f.method.inputs().filter(|i| i.required);
        names.extend(inputs.filter_map(|i| example_value(api, &i.ty, &i.rust)?.1));
    }
    names.sort();
    names.dedup();
    match names.as_slice() {
        [one] => format!("use {}::{}::{one};", api.krate.ident(), api.module),
        _ => format!(
            "use {}::{}::{{{}}};",
            api.krate.ident(),
            api.module,
            names.join(", ")
        ),
    }
}

/// The builder lines that set credentials and required client values.
fn builder(api: &Api) -> String {
    let mut lines = vec!["let client = Client::builder()".to_owned()];
    if let Some(call) = super::auth::example_call(api, "my") {
        lines.push(format!("    {call}"));
    }
    for value in api.url_params.iter().chain(&api.client_params) {
        // `{:?}`: a Rust string literal, whatever characters the spec's name holds.
        lines.push(format!(
            "    .{}({:?})",
            value.rust,
            format!("my-{}", value.wire.replace('_', "-"))
        ));
    }
    lines.push("    .max_retries(3) // default 2".to_owned());
    lines.push(
        "    .timeout(std::time::Duration::from_secs(30)) // per attempt; default 60 s".to_owned(),
    );
    lines.push("    .build()?;".to_owned());
    lines.join("\n")
}

/// A `no_run` doctest: imports, the client (shown in the first example, hidden after), `body`.
fn example(
    api: &Api,
    found: &[&Found<'_>],
    extra_use: &str,
    body: &str,
    show_client: bool,
) -> String {
    // Only the API's items are imported (they cannot collide, the naming module sees to
    // that); anything else is written with its path, or imported as `_`.
    let client = if show_client {
        format!("\n{}", builder(api))
    } else {
        let hidden: Vec<String> = builder(api).lines().map(|l| format!("# {l}")).collect();
        hidden.join("\n")
    };
    format!(
        "```no_run\n# async fn demo() -> Result<(), {}::Error> {{\n{}{}\n{}\n\n{}\n# Ok(())\n# }}\n```",
        api.krate.ident(),
        imports(api, found),
        extra_use,
        client,
        body.trim_end()
    )
}

/// The guide, as Markdown for the module docs; empty if the API has no method to show.
pub fn guide(api: &Api) -> String {
    let plain =
        |m: &Method| simple(api, m) && matches!(m.response, Response::Json(_) | Response::Empty);
    let get = |m: &Method| plain(m) && m.http == crate::model::HttpMethod::Get;
    let Some(basic) = find(&api.resources, "", &get).or_else(|| find(&api.resources, "", &plain))
    else {
        return String::new();
    };
    let basic_call = call(api, &basic);
    let mut text = String::from("# Calls\n\n");
    text.push_str(
        "Every method returns a [`Call`]: await it for the decoded value, or first set options \
         for this call only (headers, query parameters, timeout, deadline, retries). Failed \
         attempts are retried within a client-wide retry budget, `Retry-After` honoured: an \
         idempotent request after connection errors, timeouts, 408, 409, 429 and 5xx; any \
         other only when it never reached the server or the server said it did nothing (see \
         [`ClientBuilder::max_retries`]). [`Call::with_response`] also returns the status and \
         headers.\n\n",
    );
    let value = if matches!(basic.method.response, Response::Empty) {
        "()"
    } else {
        "value"
    };
    let body = format!(
        "let {value} = {basic_call}.await?;\n\nlet response = {basic_call}\n    .timeout(std::time::Duration::from_secs(5))\n    .max_retries(0)\n    .header(\"x-trace-id\", \"abc\")\n    .with_response()\n    .await?;\nprintln!(\"{{}} {{:?}}\", response.status, response.request_id());\n\nmatch {basic_call}.await {{\n    Ok(_) => {{}}\n    Err(error) if error.status().is_some_and(|s| s.as_u16() == 404) => println!(\"not found\"),\n    Err(error) if error.is_retryable() => println!(\"try again later: {{error}}\"),\n    Err(error) => return Err(error),\n}}"
    );
    let value_line = if value == "()" {
        body.replacen("let () = ", "", 1)
    } else {
        body
    };
    text.push_str(&example(api, &[&basic], "", &value_line, true));

    if let Some(list) = find(&api.resources, "", &|m| {
        simple(api, m)
            && matches!(
                m.response,
                Response::CursorPage { .. } | Response::List { .. }
            )
    }) {
        let list_call = call(api, &list);
        text.push_str("\n\n# Pagination\n\n");
        text.push_str(
            "A list returns a page ([`CursorPage`] or [`ListPage`]); `items()` on the call \
             streams every item of every page, fetching each page only when the previous one is \
             used up.\n\n",
        );
        let body = format!(
            "let page = {list_call}.await?;\nif page.has_next_page() {{\n    let _next = page.next_page().await?;\n}}\n\nlet everything: Vec<_> = {list_call}.items().try_collect().await?;"
        );
        text.push_str(&example(
            api,
            &[&list],
            "\nuse futures::TryStreamExt as _;",
            &body,
            false,
        ));
    }

    for waiter in &api.waiters {
        let waited = &waiter.waited;
        let pick = |m: &Method| {
            simple(api, m)
                && matches!(&m.response, Response::Json(TypeRef::Named(t)) if t == waited)
        };
        if let Some(start) = find(&api.resources, "", &pick) {
            text.push_str(&format!(
                "\n\n# Waiting for `{waited}`\n\nMethods that return [`{waited}`] start work \
                 that finishes later; [`{waited}::wait`] polls until it succeeds or fails.\n\n"
            ));
            let body = format!(
                "let started = {}.await?;\nlet finished = started.wait(&client).await?;",
                call(api, &start)
            );
            text.push_str(&example(api, &[&start], "", &body, false));
        }
    }
    text
}
