//! Pagination: the page parameters a paginated method declares and the fields its page holds.

use super::*;

impl Resolver<'_> {
    /// The query parameter `given` (or `default`), reported unless the method declares it.
    pub(super) fn page_param(
        &mut self,
        m: &spec::Method,
        page: &spec::Pagination,
        given: Option<&S<String>>,
        default: &str,
        what: &str,
    ) -> String {
        let name = given.map_or_else(|| default.to_owned(), |g| g.value.clone());
        if !m.query.keys().any(|k| k.value == name) {
            let loc = given.map_or_else(|| self.loc(&page.style), |g| self.loc(g));
            self.report(
                Diagnostic::new(loc, format!("{what} needs the query parameter `{name}`"))
                    .help(format!("declare `{name}` under `query:`")),
            );
        }
        name
    }

    /// Reports a marker-paginated item type without the field the next marker comes from.
    pub(super) fn check_marker_field(
        &mut self,
        page: &spec::Pagination,
        item: &TypeRef,
        field: &str,
    ) {
        let loc = self.loc(&page.item);
        let fields = match item {
            TypeRef::Named(rust) => self.file.api.types.iter().find_map(|(name, def)| {
                (self.named.get(&name.value) == Some(rust))
                    .then_some(def.fields.as_ref())
                    .flatten()
            }),
            _ => None,
        };
        let Some(fields) = fields else {
            self.report(
                Diagnostic::new(loc, "marker pagination needs an object item type")
                    .help("the next marker is a field of the last item: name an object type"),
            );
            return;
        };
        if !fields.keys().any(|k| k.value == field) {
            let names: Vec<&str> = fields.keys().map(|k| k.value.as_str()).collect();
            self.report(
                Diagnostic::new(
                    loc,
                    format!("the item type has no field `{field}` to take the next marker from"),
                )
                .help(format!(
                    "{}set `marker_field:` to the item's id field",
                    crate::diag::did_you_mean(field, names.iter().copied())
                )),
            );
        }
    }

    /// Where a marker list's next marker comes from: `next_marker:` (a response field) or
    /// `marker_field:` (a field of the last item, by default `id`), not both.
    fn next_marker(&mut self, page: &spec::Pagination, item: &TypeRef) -> NextMarker {
        match (&page.next_marker, &page.marker_field) {
            (Some(path), given) => {
                if let Some(field) = given {
                    self.report(
                        Diagnostic::new(
                            self.loc(field),
                            "`marker_field:` and `next_marker:` both say where the next marker comes from",
                        )
                        .help("keep `next_marker:` (a response field) or `marker_field:` (a field of the last item)"),
                    );
                }
                if path.value.split('.').any(str::is_empty) {
                    self.report(
                        Diagnostic::new(
                            self.loc(path),
                            format!("`{}` is not a field path", path.value),
                        )
                        .help("name the response field, with `.` between nested names: `page_info.next_marker`"),
                    );
                }
                NextMarker::ResponseField(path.value.clone())
            }
            (None, given) => {
                let field = given.as_ref().map_or("id", |f| f.value.as_str()).to_owned();
                self.check_marker_field(page, item, &field);
                NextMarker::ItemField(field)
            }
        }
    }

    /// The response of a paginated method.
    pub(super) fn paginated(
        &mut self,
        m: &spec::Method,
        page: &spec::Pagination,
        item: TypeRef,
    ) -> Response {
        let items = || page.items.clone().unwrap_or_else(|| "items".to_owned());
        match page.style.value {
            spec::PageStyle::Cursor => {
                let cursor_param = self.page_param(
                    m,
                    page,
                    page.cursor_param.as_ref(),
                    "cursor",
                    "cursor pagination",
                );
                Response::CursorPage { item, cursor_param }
            }
            spec::PageStyle::PageNumber => {
                let page_param = self.page_param(
                    m,
                    page,
                    page.page_param.as_ref(),
                    "page",
                    "page-number pagination",
                );
                let limit_param = self.page_param(
                    m,
                    page,
                    page.limit_param.as_ref(),
                    "limit",
                    "page-number pagination",
                );
                Response::List {
                    item,
                    paging: ListPaging::PageNumber {
                        items: items(),
                        page_param,
                        limit_param,
                        total: page.total.clone(),
                    },
                }
            }
            spec::PageStyle::Marker => {
                let next_marker = self.next_marker(page, &item);
                let marker_param = self.page_param(
                    m,
                    page,
                    page.marker_param.as_ref(),
                    "marker",
                    "marker pagination",
                );
                let limit_param = self.page_param(
                    m,
                    page,
                    page.limit_param.as_ref(),
                    "limit",
                    "marker pagination",
                );
                Response::List {
                    item,
                    paging: ListPaging::Marker {
                        items: items(),
                        marker_param,
                        next_marker,
                        limit_param,
                        links: page.links.clone(),
                    },
                }
            }
        }
    }
}
