//! The client: URL and client parameters, auth schemes, the error format and the statuses a server answers without acting.

use super::*;

impl Resolver<'_> {
    /// Client values, each named in every one of `scopes`.
    pub(super) fn client_values(
        &mut self,
        values: &spec::Map<spec::ClientParam>,
        scopes: &mut [&mut Scope],
    ) -> Vec<ClientValue> {
        values
            .iter()
            .map(|(name, param)| {
                let loc = self.loc(name);
                let rust = self.allocate(
                    scopes,
                    param.rust.as_ref(),
                    (snake(&name.value), Kind::Snake),
                    &name.value,
                    &loc,
                );
                if let Some(header) = &param.header {
                    self.check_header_name(header);
                }
                ClientValue {
                    wire: name.value.clone(),
                    rust,
                    doc: Doc::from_option(param.doc.as_deref()),
                    env: param.env.clone(),
                    header: param.header.as_ref().map(|h| h.value.clone()),
                }
            })
            .collect()
    }

    pub(super) fn auth(
        &mut self,
        schemes: &[spec::AuthScheme],
        builder: &mut Scope,
    ) -> Vec<AuthScheme> {
        schemes
            .iter()
            .map(|scheme| {
                let loc = self.loc(&scheme.setter);
                let setter = check_given(&scheme.setter.value, false, &loc).unwrap_or_else(|d| {
                    self.report(d);
                    snake(&scheme.setter.value)
                });
                if let Err(d) = builder.claim_with(&setter, &scheme.setter.value, &loc, "`setter:`")
                {
                    self.report(d);
                }
                let kind = match (scheme.scheme.value, &scheme.header) {
                    (spec::AuthKind::Bearer, None) => AuthKind::Bearer,
                    (spec::AuthKind::Header, Some(header)) => {
                        self.check_header_name(header);
                        AuthKind::Header(header.value.clone())
                    }
                    (spec::AuthKind::SdkHmacSha256, None) => AuthKind::SdkHmacSha256 {
                        secret_env: scheme.secret_env.clone(),
                    },
                    (spec::AuthKind::Query, None) => self.query_key(scheme),
                    (spec::AuthKind::Query, Some(header)) => {
                        let loc = self.loc(header);
                        self.report(
                            Diagnostic::new(loc, "`scheme: query` sends the key in the query")
                                .help("remove `header:`, or use `scheme: header`"),
                        );
                        self.query_key(scheme)
                    }
                    (spec::AuthKind::Bearer | spec::AuthKind::SdkHmacSha256, Some(header)) => {
                        let loc = self.loc(header);
                        self.report(
                            Diagnostic::new(loc, "this scheme always uses `Authorization`")
                                .help("remove `header:`, or use `scheme: header`"),
                        );
                        AuthKind::Bearer
                    }
                    (spec::AuthKind::Header, None) => {
                        let loc = self.loc(&scheme.scheme);
                        self.report(
                            Diagnostic::new(loc, "`scheme: header` needs the header's name")
                                .help("add `header: X-Auth-Token` (or the API's header)"),
                        );
                        AuthKind::Header(String::new())
                    }
                };
                if let Some(param) = &scheme.param
                    && !matches!(kind, AuthKind::Query(_))
                {
                    let loc = self.loc(param);
                    self.report(
                        Diagnostic::new(loc, "`param:` is only for `scheme: query`")
                            .help("remove `param:`, or use `scheme: query`"),
                    );
                }
                if scheme.secret_env.is_some() && !matches!(kind, AuthKind::SdkHmacSha256 { .. }) {
                    let loc = self.loc(&scheme.setter);
                    self.report(
                        Diagnostic::new(loc, "`secret_env` is only for `scheme: sdk_hmac_sha256`")
                            .help("remove `secret_env:`"),
                    );
                }
                AuthScheme {
                    kind,
                    setter,
                    env: scheme.env.clone(),
                    doc: Doc::from_option(scheme.doc.as_deref()),
                }
            })
            .collect()
    }

    /// The query parameter of a `scheme: query`, which must be named.
    fn query_key(&mut self, scheme: &spec::AuthScheme) -> AuthKind {
        match &scheme.param {
            Some(param) if !param.value.is_empty() && !param.value.contains(char::is_control) => {
                AuthKind::Query(param.value.clone())
            }
            Some(param) => {
                let loc = self.loc(param);
                self.report(
                    Diagnostic::new(
                        loc,
                        "the query parameter's name is empty or has control characters",
                    )
                    .help("name the parameter the API reads the key from, e.g. `param: api_key`"),
                );
                AuthKind::Query(String::new())
            }
            None => {
                let loc = self.loc(&scheme.scheme);
                self.report(
                    Diagnostic::new(loc, "`scheme: query` needs the query parameter's name")
                        .help("add `param: api_key` (or the API's parameter)"),
                );
                AuthKind::Query(String::new())
            }
        }
    }

    pub(super) fn errors(&mut self, errors: Option<&spec::Errors>) -> ErrorFormat {
        let Some(errors) = errors else {
            return ErrorFormat::default();
        };
        for header in &errors.request_id_headers {
            self.check_header_name(header);
        }
        for shape in &errors.shapes {
            for pointer in [&shape.code, &shape.message] {
                if !pointer.value.starts_with('/') {
                    let loc = self.loc(pointer);
                    self.report(
                        Diagnostic::new(loc, format!("`{}` is not a JSON pointer", pointer.value))
                            .help(
                                "write it from the root, e.g. `/error/code`; `*` matches any key",
                            ),
                    );
                }
            }
        }
        ErrorFormat {
            request_id_headers: errors
                .request_id_headers
                .iter()
                .map(|h| h.value.to_ascii_lowercase())
                .collect(),
            shapes: errors
                .shapes
                .iter()
                .map(|s| (s.code.value.clone(), s.message.value.clone()))
                .collect(),
        }
    }

    /// The spec's `unprocessed_statuses`, each checked: an error status (400 to 599), listed
    /// once, and not 429 or 503, which are retried anyway.
    pub(super) fn unprocessed_statuses(&mut self, given: &[S<i64>]) -> Vec<u16> {
        let mut statuses = Vec::new();
        for status in given {
            let loc = self.loc(status);
            let problem = match u16::try_from(status.value) {
                Ok(code) if !(400..=599).contains(&code) => Some((
                    format!("`{code}` is not an error status"),
                    "list statuses from 400 to 599 with which the server says it did nothing",
                )),
                Err(_) => Some((
                    format!("`{}` is not an HTTP status", status.value),
                    "list statuses from 400 to 599 with which the server says it did nothing",
                )),
                Ok(429 | 503) => Some((
                    format!("`{}` is retried whatever the API says", status.value),
                    "remove it: 429 and 503 always mean the server did nothing",
                )),
                Ok(code) if statuses.contains(&code) => {
                    Some((format!("`{code}` is listed twice"), "list each status once"))
                }
                Ok(code) => {
                    statuses.push(code);
                    None
                }
            };
            if let Some((message, help)) = problem {
                self.report(Diagnostic::new(loc, message).help(help));
            }
        }
        statuses
    }
}
