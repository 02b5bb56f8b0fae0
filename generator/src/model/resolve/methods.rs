//! Methods: path, query, header and body inputs (arguments or a parameters struct), the response, and idempotency.

use super::*;

/// What a method's `body:` gives it (see `Resolver::body`).
#[derive(Default)]
struct BodyParts {
    /// The `body` argument, of a named type or raw bytes.
    input: Option<Input>,
    /// Key the JSON body is wrapped under.
    wrap: Option<String>,
    /// The wrapped value is `null`.
    wrap_null: bool,
    /// The inline fields are form-encoded.
    form: bool,
    /// A raw body's content type.
    raw: Option<String>,
}

/// The `body` argument (`body` is reserved among the arguments: no input can take it).
fn body_argument(ty: TypeRef, kind: InputKind, doc: &str) -> Input {
    Input {
        wire: "body".into(),
        rust: "body".into(),
        setter: "body".into(),
        ty,
        required: true,
        nullable: false,
        kind,
        secret: false,
        format: None,
        pattern: None,
        joined: false,
        doc: Some(Doc::trusted(doc)),
    }
}

/// The names a method's inputs take: its arguments, and its parameters struct's fields and
/// setters.
struct InputNames {
    args: Scope,
    fields: Scope,
    setters: Scope,
}

impl Resolver<'_> {
    pub(super) fn method(
        &mut self,
        handle: &str,
        resource_path: &str,
        name: &S<String>,
        rust: String,
        m: &spec::Method,
        client_params: &[String],
    ) -> Method {
        let origin = format!("{resource_path}.{}", name.value);
        let template = self.path_template(m);
        let mut names = InputNames {
            args: scopes::method_arguments(&origin),
            fields: Scope::new(format!("fields of the parameters of `{origin}`")),
            setters: scopes::params_methods(&origin),
        };
        let mut args = self.path_args(m, &template, client_params, &mut names.args);
        let client_path_params = self.client_path_params(m, &template, client_params);
        let body = self.body(m, &origin);
        args.extend(body.input);
        let mut inputs: Vec<(&S<String>, &spec::Param, InputKind)> = Vec::new();
        inputs.extend(m.query.iter().map(|(k, p)| (k, p, InputKind::Query)));
        inputs.extend(m.headers.iter().map(|(k, p)| (k, p, InputKind::Header)));
        if let Some(fields) = m.body.as_ref().and_then(|b| b.fields.as_ref()) {
            inputs.extend(fields.iter().map(|(k, p)| (k, p, InputKind::BodyField)));
        }
        let mut fields = Vec::new();
        for (wire, param, kind) in inputs {
            let loc = self.loc(wire);
            let input = self.input(wire, param, kind, param.required);
            if body.form && input.kind == InputKind::BodyField {
                self.check_form_field(wire, param, &input.ty);
            }
            if param.positional {
                args.push(self.argument(input, param, &mut names.args, &loc));
            } else {
                let scopes = (&mut names.fields, &mut names.setters);
                fields.push(self.params_field(input, scopes, &loc));
            }
        }
        Method {
            name: name.value.clone(),
            rust,
            doc: Doc::from_option(m.doc.as_deref()),
            operation: self.operation(&origin, m),
            http: match m.method.value {
                spec::HttpMethod::GET => HttpMethod::Get,
                spec::HttpMethod::POST => HttpMethod::Post,
                spec::HttpMethod::PUT => HttpMethod::Put,
                spec::HttpMethod::PATCH => HttpMethod::Patch,
                spec::HttpMethod::DELETE => HttpMethod::Delete,
            },
            path: m.path.value.clone(),
            client_path_params,
            args,
            params: self.params_struct(handle, name, m, &origin, fields),
            wrap: body.wrap,
            wrap_null: body.wrap_null,
            form: body.form,
            raw_body: body.raw,
            idempotency_header: m.idempotency_key.as_ref().map(|h| {
                self.check_header_name(h);
                h.value.clone()
            }),
            idempotency_prefix: self.idempotency_prefix(&origin, m),
            idempotent: self.idempotent(&origin, m),
            response: self.response(m),
        }
    }

    /// The placeholders of the method's path, which must start with `/` and hold only text a
    /// URL path can.
    fn path_template(&mut self, m: &spec::Method) -> BTreeSet<String> {
        if !m.path.value.starts_with('/') {
            let path_loc = self.loc(&m.path);
            self.report(
                Diagnostic::new(
                    path_loc,
                    format!("path `{}` does not start with `/`", m.path.value),
                )
                .help("write the path from the root, e.g. `/v1/vms/{vm_id}`"),
            );
        }
        self.check_path_text(&m.path);
        placeholders(&m.path.value)
    }

    /// The path parameters, as arguments: each must be in the path and not a client parameter.
    fn path_args(
        &mut self,
        m: &spec::Method,
        template: &BTreeSet<String>,
        client_params: &[String],
        arg_names: &mut Scope,
    ) -> Vec<Input> {
        let mut args = Vec::new();
        for (wire, param) in &m.path_params {
            let loc = self.loc(wire);
            if !template.contains(&wire.value) {
                self.report(
                    Diagnostic::new(
                        loc.clone(),
                        format!(
                            "path parameter `{}` is not in the path `{}`",
                            wire.value, m.path.value
                        ),
                    )
                    .help(format!(
                        "add `{{{}}}` to the path, or remove the parameter",
                        wire.value
                    )),
                );
            }
            if client_params.contains(&wire.value) {
                self.report(
                    Diagnostic::new(
                        loc.clone(),
                        format!(
                            "`{}` is a client parameter; it cannot also be a method parameter",
                            wire.value
                        ),
                    )
                    .help("remove it from `path_params:`; the client fills it in"),
                );
            }
            let input = self.input(wire, param, InputKind::Path, true);
            args.push(self.argument(input, param, arg_names, &loc));
        }
        args
    }

    /// The placeholders the client fills in (client parameters); any other placeholder must be
    /// a declared path parameter.
    fn client_path_params(
        &mut self,
        m: &spec::Method,
        template: &BTreeSet<String>,
        client_params: &[String],
    ) -> Vec<String> {
        let mut filled = Vec::new();
        for placeholder in template {
            if client_params.contains(placeholder) {
                filled.push(placeholder.clone());
            } else if !m.path_params.keys().any(|k| &k.value == placeholder) {
                let path_loc = self.loc(&m.path);
                self.report(
                    Diagnostic::new(
                        path_loc,
                        format!("path placeholder `{{{placeholder}}}` is not declared"),
                    )
                    .help(format!(
                        "{}declare it under `path_params:` as `{placeholder}: {{type: string}}`",
                        crate::diag::did_you_mean(
                            placeholder,
                            m.path_params.keys().map(|k| k.value.as_str())
                        )
                    )),
                );
            }
        }
        filled
    }

    /// The body: the `body` argument of a named body type or of a raw body (inline fields are
    /// inputs like query parameters), the key it is wrapped in, whether its fields are
    /// form-encoded, and a raw body's content type. A GET has none.
    fn body(&mut self, m: &spec::Method, origin: &str) -> BodyParts {
        let Some(body) = &m.body else {
            return BodyParts::default();
        };
        if matches!(m.method.value, spec::HttpMethod::GET) {
            let loc = self.loc(&m.method);
            self.report(
                Diagnostic::new(loc, format!("`{origin}` is a GET with a body"))
                    .help("GET requests carry no body: send the values as `query:` parameters"),
            );
        }
        if let Some(raw) = &body.raw {
            return self.raw_body(body, raw, origin);
        }
        let form = body.form.as_ref().is_some_and(|f| f.value);
        if let Some(given) = body.form.as_ref().filter(|f| f.value) {
            self.check_form(body, given, origin);
        }
        let wrap = body.wrap.clone();
        let wrap_null = self.wrap_null(body, origin);
        let mut parts = BodyParts {
            input: None,
            wrap,
            wrap_null,
            form,
            raw: None,
        };
        match (&body.ty, &body.fields) {
            // `body` is reserved among the arguments: no input can take it.
            (Some(ty), None) => {
                let ty = self.type_ref(ty);
                parts.input = Some(body_argument(ty, InputKind::Body, "The request body."));
            }
            (None, Some(_)) => {}
            (None, None) if parts.wrap.is_some() || form => {}
            // Its mistakes are reported by `wrap_null` already.
            _ if wrap_null => {}
            _ => {
                let path_loc = self.loc(&m.path);
                self.report(
                    Diagnostic::new(
                        path_loc,
                        format!(
                            "the body of `{origin}` needs exactly one of `type:` and `fields:`"
                        ),
                    )
                    .help(
                        "name a type with `type:`, list inline `fields:`, or send bytes with \
                         `raw: <content type>`",
                    ),
                );
            }
        }
        parts
    }

    /// A raw body: bytes the caller gives, with the content type `raw` names. Nothing else
    /// describes such a body.
    fn raw_body(&mut self, body: &spec::Body, raw: &S<String>, origin: &str) -> BodyParts {
        let loc = self.loc(raw);
        let others: Vec<&str> = [
            body.ty.as_ref().map(|_| "`type:`"),
            body.fields.as_ref().map(|_| "`fields:`"),
            body.wrap.as_ref().map(|_| "`wrap:`"),
            body.form.as_ref().map(|_| "`form:`"),
            body.wrap_null.as_ref().map(|_| "`wrap_null:`"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !others.is_empty() {
            self.report(
                Diagnostic::new(
                    loc.clone(),
                    format!(
                        "the raw body of `{origin}` cannot also have {}",
                        others.join(", ")
                    ),
                )
                .help(
                    "a raw body is the bytes the caller gives: remove the other keys, or remove \
                     `raw:` to describe a JSON or form body",
                ),
            );
        }
        if !spec::is_media_type(&raw.value) {
            self.report(
                Diagnostic::new(loc, format!("`{}` is not a content type", raw.value)).help(
                    "give the media type the body is sent as, e.g. `application/octet-stream` \
                     or `text/plain; charset=utf-8`",
                ),
            );
        }
        let doc = format!(
            "The request body, sent as it is given ({}).",
            crate::doc_text::code(&raw.value)
        );
        BodyParts {
            input: Some(body_argument(TypeRef::String, InputKind::RawBody, &doc)),
            wrap: None,
            wrap_null: false,
            form: false,
            raw: Some(raw.value.clone()),
        }
    }

    /// Whether the body is `{"<wrap>": null}`: `wrap_null: true` needs `wrap:` and names no type
    /// or fields (reported otherwise).
    fn wrap_null(&mut self, body: &spec::Body, origin: &str) -> bool {
        let Some(given) = body.wrap_null.as_ref().filter(|n| n.value) else {
            return false;
        };
        let loc = self.loc(given);
        if body.wrap.is_none() {
            self.report(
                Diagnostic::new(loc.clone(), format!("the body of `{origin}` has `wrap_null: true` but no `wrap:`"))
                    .help("`wrap_null: true` sends `{\"<wrap>\": null}`: add `wrap: <key>`, or remove `wrap_null:`"),
            );
        }
        if body.ty.is_some() || body.fields.is_some() {
            self.report(
                Diagnostic::new(
                    loc,
                    format!("the wrapped `null` body of `{origin}` cannot also have `type:` or `fields:`"),
                )
                .help("a `null` value has no fields: remove `wrap_null: true` to send them, or remove the fields"),
            );
        }
        true
    }

    /// A form body sends its inline fields: not a named type, and not wrapped.
    fn check_form(&mut self, body: &spec::Body, given: &S<bool>, origin: &str) {
        let others: Vec<&str> = [
            body.ty.as_ref().map(|_| "`type:`"),
            body.wrap.as_ref().map(|_| "`wrap:`"),
            body.wrap_null.as_ref().map(|_| "`wrap_null:`"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let loc = self.loc(given);
        if !others.is_empty() {
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "the form body of `{origin}` cannot also have {}",
                        others.join(", ")
                    ),
                )
                .help(
                    "a form body sends its inline `fields:` as `name=value` pairs: list the \
                     fields, or remove `form:` to send JSON",
                ),
            );
        } else if body.fields.is_none() {
            self.report(
                Diagnostic::new(loc, format!("the form body of `{origin}` has no `fields:`"))
                    .help("list the form's fields under `fields:`, as for a JSON body"),
            );
        }
    }

    /// A field of a form body must be text (a scalar, an enum, or a list of them) and cannot
    /// be sent as `null`.
    fn check_form_field(&mut self, wire: &S<String>, param: &spec::Param, ty: &TypeRef) {
        if !self.is_text(ty, true) {
            let loc = self.loc(&param.ty);
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "form field `{}` cannot be sent in a form: its type `{}` is not text",
                        wire.value, param.ty.value
                    ),
                )
                .help("use a scalar type or an enum, or a list of them; or send a JSON body"),
            );
        }
        if param.nullable {
            let loc = self.loc(wire);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("form field `{}` cannot be nullable", wire.value),
                )
                .help("a form has no `null`: remove `nullable:`; an unset field is left out"),
            );
        }
    }

    /// The parameters struct holding `fields` (`<Handle><Method>Params`, or `params_name:`),
    /// or `None` if the method has no such inputs.
    fn params_struct(
        &mut self,
        handle: &str,
        name: &S<String>,
        m: &spec::Method,
        origin: &str,
        fields: Vec<Input>,
    ) -> Option<ParamsStruct> {
        if fields.is_empty() {
            if let Some(given) = &m.params_name {
                let loc = self.loc(given);
                self.report(
                    Diagnostic::new(
                        loc,
                        "`params_name` is given but the method has no parameters struct",
                    )
                    .help("remove `params_name:`"),
                );
            }
            return None;
        }
        let base = format!("{handle}{}Params", camel(&name.value));
        let rust_name = match &m.params_name {
            Some(_) => self.name(m.params_name.as_ref(), base, true),
            None => derived(&[&self.items], &base, Kind::Type),
        };
        let loc = m
            .params_name
            .as_ref()
            .map_or_else(|| self.loc(name), |n| self.loc(n));
        let origin = format!("parameters of {origin}");
        if let Err(d) = self
            .items
            .claim_with(&rust_name, &origin, &loc, "`params_name:`")
        {
            self.report(d);
        }
        Some(ParamsStruct {
            rust: rust_name,
            fields,
        })
    }

    /// What the method answers: a page of items, a JSON type, or nothing.
    fn response(&mut self, m: &spec::Method) -> Response {
        match (&m.pagination, &m.response) {
            (Some(_), Some(response)) => {
                let loc = self.loc(response);
                self.report(
                    Diagnostic::new(
                        loc,
                        "a paginated method's response is the page; `response:` cannot be given too",
                    )
                    .help("remove `response:`; `pagination.item` names the item type"),
                );
                Response::Empty
            }
            (Some(page), None) => {
                let item = self.type_ref(&page.item);
                self.paginated(m, page, item)
            }
            // Keywords here only: a type cannot be named `bytes` or `text` (`declare_types`).
            (None, Some(response)) if response.value.trim() == "bytes" => Response::Bytes,
            (None, Some(response)) if response.value.trim() == "text" => Response::Text,
            (None, Some(response)) => Response::Json(self.type_ref(response)),
            (None, None) => Response::Empty,
        }
    }

    pub(super) fn input(
        &mut self,
        wire: &S<String>,
        param: &spec::Param,
        kind: InputKind,
        required: bool,
    ) -> Input {
        let input = self.make_input(wire, param, kind, required);
        if param.nullable && (input.kind != InputKind::BodyField || required || param.positional) {
            let loc = self.loc(wire);
            self.report(
                Diagnostic::new(loc, format!("`{}` cannot be nullable here", wire.value))
                    .help("only optional, non-positional body fields can be sent as `null`"),
            );
        }
        if let Some(secret) = &param.secret
            && input.kind != InputKind::Header
        {
            let loc = self.loc(secret);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{}` cannot be secret: it is not a header", wire.value),
                )
                .help("only parameters under `headers:` can be `secret`; remove `secret:`"),
            );
        }
        if let Some(explode) = &param.explode {
            self.check_explode(wire, param, explode, &input);
        }
        let (what, allow_list) = match input.kind {
            InputKind::Path => ("a path parameter", false),
            InputKind::Query => ("a query parameter", true),
            InputKind::Header => ("a header", true),
            InputKind::BodyField | InputKind::Body | InputKind::RawBody => return input,
        };
        if !self.is_text(&input.ty, allow_list) {
            let loc = self.loc(&param.ty);
            let lists = if allow_list {
                ", or a list of them"
            } else {
                ""
            };
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "`{}` cannot be sent as {what}: its type `{}` is not text",
                        wire.value, param.ty.value
                    ),
                )
                .help(format!(
                    "use a scalar type or an enum{lists}; send structured values in the body"
                )),
            );
        }
        if input.kind == InputKind::Header {
            self.check_header_name(wire);
        }
        input
    }

    /// `explode:` is for a list query parameter; `false` sends it as one comma-separated value.
    fn check_explode(
        &mut self,
        wire: &S<String>,
        param: &spec::Param,
        explode: &S<bool>,
        input: &Input,
    ) {
        let loc = self.loc(explode);
        if input.kind != InputKind::Query {
            let what = match input.kind {
                InputKind::Path => "a path parameter",
                InputKind::Header => "a header",
                _ => "a body field",
            };
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "`{}` is {what}: `explode:` is for query parameters",
                        wire.value
                    ),
                )
                .help(
                    "remove `explode:`; only a `list<...>` query parameter can be sent unexploded",
                ),
            );
        } else if !matches!(input.ty, TypeRef::List(_)) {
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "query parameter `{}` has the type `{}`: `explode:` is for lists",
                        wire.value, param.ty.value
                    ),
                )
                .help("remove `explode:`, or make the type a `list<...>`"),
            );
        }
    }

    /// A method argument, named in the method's `arguments`: a derived name the generator
    /// reserves there (`params`, `body`) gets a `_`.
    pub(super) fn argument(
        &mut self,
        mut input: Input,
        param: &spec::Param,
        arguments: &mut Scope,
        loc: &Loc,
    ) -> Input {
        if param.rust.is_none() {
            input.rust = derived(&[arguments], &input.rust, Kind::Snake);
        }
        self.claim(arguments, &input.rust, &input.wire, loc);
        input
    }

    /// A field of a parameters struct, named among its `fields`, with its setter (and clearing
    /// setter) among its `methods`.
    pub(super) fn params_field(
        &mut self,
        mut input: Input,
        (fields, methods): (&mut Scope, &mut Scope),
        loc: &Loc,
    ) -> Input {
        self.claim(fields, &input.rust, &input.wire, loc);
        if input.required {
            return input;
        }
        let origin = format!("{} (its setter)", input.wire);
        input.setter = derived(&[methods], &input.rust, Kind::Snake);
        self.claim(methods, &input.setter, &origin, loc);
        if input.nullable {
            let clear = format!("clear_{}", unraw(&input.rust));
            let origin = format!("{} (its clearing setter)", input.wire);
            self.claim(methods, &clear, &origin, loc);
        }
        input
    }

    pub(super) fn make_input(
        &mut self,
        wire: &S<String>,
        param: &spec::Param,
        kind: InputKind,
        required: bool,
    ) -> Input {
        let rust = self.name(param.rust.as_ref(), snake(&wire.value), false);
        let ty = self.type_ref(&param.ty);
        let format = self.format(param.format.as_ref(), &ty);
        let pattern = self.pattern(param.pattern.as_ref(), &ty);
        Input {
            wire: wire.value.clone(),
            setter: rust.clone(),
            rust,
            ty,
            format,
            pattern,
            required,
            nullable: param.nullable,
            kind,
            secret: param.secret.as_ref().is_some_and(|s| s.value),
            joined: param.explode.as_ref().is_some_and(|e| !e.value),
            doc: Doc::from_option(param.doc.as_deref()),
        }
    }

    /// A path is text, sent percent-encoded (`/v1/café` as `/v1/caf%C3%A9`): what cannot be
    /// meant as text is refused (a query or fragment, an already encoded `%XX`, a `.` or `..`
    /// segment, which the URL parser would remove, a control character).
    pub(super) fn check_path_text(&mut self, path: &S<String>) {
        let text = &path.value;
        let problem = if let Some(c) = text.chars().find(|c| matches!(c, '?' | '#')) {
            Some((
                format!("path `{text}` holds `{c}`, which would end the path"),
                "declare query parameters under `query:`; the path is only the path",
            ))
        } else if text.contains('%') {
            Some((
                format!("path `{text}` holds `%`"),
                "write the path as text (`/v1/café`, not `/v1/caf%C3%A9`); the client encodes it",
            ))
        } else if text.chars().any(char::is_control) {
            Some((
                format!("path {text:?} holds a control character"),
                "remove it; a path is printable text",
            ))
        } else if text.split('/').any(|s| s == "." || s == "..") {
            Some((
                format!("path `{text}` has a `.` or `..` segment, which URL parsing removes"),
                "write the path without it, as the server sees it",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            let loc = self.loc(path);
            self.report(Diagnostic::new(loc, message).help(help));
        }
    }

    /// Reports `name` unless it is a valid HTTP header name (an RFC 9110 token).
    pub(super) fn check_header_name(&mut self, name: &S<String>) {
        let valid = !name.value.is_empty()
            && name
                .value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !valid {
            let loc = self.loc(name);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{}` is not a valid HTTP header name", name.value),
                )
                .help("use letters, digits and `-`, e.g. `X-Auth-Token`"),
            );
        }
    }

    /// Whether a value of `ty` can be sent as text (a path segment, a query value, a header).
    pub(super) fn is_text(&self, ty: &TypeRef, allow_list: bool) -> bool {
        match ty {
            TypeRef::Json | TypeRef::Map(_) | TypeRef::Nullable(_) => false,
            TypeRef::List(inner) => allow_list && self.is_text(inner, false),
            TypeRef::Named(name) => self.enums.contains(name),
            _ => true,
        }
    }

    /// The prefix of the method's generated idempotency keys: its own, else the API's, else
    /// none. It must be header text (visible ASCII), and a method's own needs an
    /// `idempotency_key`.
    /// The vendor's name for the operation: a name (letters, digits, `_`, starting with a
    /// letter) that no other method of the spec gives.
    fn operation(&mut self, origin: &str, m: &spec::Method) -> Option<String> {
        let given = m.operation.as_ref()?;
        let loc = self.loc(given);
        let name = &given.value;
        let well_formed = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !well_formed {
            self.report(
                Diagnostic::new(loc, format!("`{origin}` names the operation {name:?}"))
                    .help("give the vendor's operation name, e.g. `ListServersDetails`"),
            );
            return None;
        }
        if let Some(first) = self.operations.get(name) {
            let message =
                format!("`{origin}` names the operation `{name}`, which `{first}` names already");
            self.report(
                Diagnostic::new(loc, message)
                    .help("each operation belongs to one method: remove or correct one of them"),
            );
            return None;
        }
        self.operations.insert(name.clone(), origin.to_owned());
        Some(name.clone())
    }

    pub(super) fn idempotency_prefix(&mut self, origin: &str, m: &spec::Method) -> String {
        if let (Some(own), None) = (&m.idempotency_key_prefix, &m.idempotency_key) {
            let loc = self.loc(own);
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{origin}` has an `idempotency_key_prefix` but no `idempotency_key`"),
                )
                .help("name the header with `idempotency_key:`, or remove the prefix"),
            );
        }
        let api = self.file.api.idempotency_key_prefix.as_ref();
        let Some(given) = m.idempotency_key_prefix.as_ref().or(api) else {
            return String::new();
        };
        if !given.value.bytes().all(|b| b.is_ascii_graphic()) {
            let loc = self.loc(given);
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "the idempotency key prefix {:?} is not header text",
                        given.value
                    ),
                )
                .help("use visible ASCII characters without spaces, e.g. `sdk-`"),
            );
        }
        given.value.clone()
    }

    /// Whether the spec marks the method `idempotent`; reported on a method that is idempotent
    /// already, by its HTTP method or its idempotency key.
    pub(super) fn idempotent(&mut self, origin: &str, m: &spec::Method) -> bool {
        let Some(given) = &m.idempotent else {
            return false;
        };
        let loc = self.loc(given);
        let verb = match m.method.value {
            spec::HttpMethod::GET => Some("GET"),
            spec::HttpMethod::PUT => Some("PUT"),
            spec::HttpMethod::DELETE => Some("DELETE"),
            spec::HttpMethod::POST | spec::HttpMethod::PATCH => None,
        };
        if let Some(verb) = verb {
            self.report(
                Diagnostic::new(
                    loc,
                    format!("`{origin}` is a {verb}, which is idempotent already"),
                )
                .help("remove `idempotent:`; it is for a POST or PATCH that is safe to send twice"),
            );
            return false;
        }
        if let Some(key) = &m.idempotency_key {
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "`{origin}` is idempotent already: every attempt carries its `{}` key",
                        key.value
                    ),
                )
                .help("remove `idempotent:`, or `idempotency_key:` if the API takes no key"),
            );
            return false;
        }
        given.value
    }
}
