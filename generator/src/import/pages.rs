//! Pages: an imported method whose answer is a page the spec's pagination reads gets
//! `pagination:` in place of its `response:`, read once the unions are repaired: `{items,
//! next_page}` answers with a `page_token` parameter, and OpenStack's `marker` lists whose
//! `<items>_links` say whether another page follows.

use super::yaml::Node;

/// The property names the importer reads as the next page's marker, and the query parameters
/// as where it goes.
const NEXT_FIELDS: [&str; 6] = [
    "next_page",
    "next_page_token",
    "next_cursor",
    "next_marker",
    "next_token",
    "nextPageToken",
];
const MARKER_PARAMS: [&str; 6] = [
    "page_token",
    "cursor",
    "marker",
    "next_token",
    "pageToken",
    "starting_after",
];

/// Makes the answer of each method that returns a page its `pagination:` (in the place of its
/// `response:`), with the types as they are once the unions are repaired.
pub fn pages(types: &[(String, Node)], resources: &mut Node) {
    let Node::Map(resources) = resources else {
        return;
    };
    for (_, resource) in resources.iter_mut() {
        let Node::Map(resource) = resource else {
            continue;
        };
        let Some((_, Node::Map(methods))) = resource.iter_mut().find(|(k, _)| k == "methods")
        else {
            continue;
        };
        for (_, method) in methods.iter_mut() {
            let Node::Map(entries) = method else {
                continue;
            };
            let query = entries
                .iter()
                .find(|(k, _)| k == "query")
                .map_or(Node::Map(Vec::new()), |(_, q)| q.clone());
            let Some(slot) = entries.iter_mut().find(|(k, _)| k == "response") else {
                continue;
            };
            let Node::Str(answer) = &slot.1 else {
                continue;
            };
            if let Some(page) = pagination(types, answer, &query) {
                *slot = ("pagination".to_owned(), page);
            }
        }
    }
}

/// A page the spec's marker pagination reads: an answer object holding a list and a next-page
/// marker, and a query parameter for the marker; or OpenStack's list, whose next marker is its
/// last item's and whose `<items>_links` say whether another page follows.
fn pagination(types: &[(String, Node)], expr: &str, query: &Node) -> Option<Node> {
    let Node::Map(query) = query else {
        return None;
    };
    let def_of = |name: &str| types.iter().find(|(n, _)| n == name).map(|(_, d)| d);
    let marker_param = query
        .iter()
        .map(|(k, _)| k)
        .find(|k| MARKER_PARAMS.contains(&k.as_str()))?;
    let Some(Node::Map(def)) = def_of(expr) else {
        return None;
    };
    let (_, Node::Map(fields)) = def.iter().find(|(k, _)| k == "fields")? else {
        return None;
    };
    let field_type =
        |field: &Node| match field {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k == "type")
                .and_then(|(_, v)| match v {
                    Node::Str(t) => Some(t.clone()),
                    _ => None,
                }),
            _ => None,
        };
    // The list of items; OpenStack's `{servers: [...], servers_links: [...]}` has a second
    // list, of links to the next page.
    let lists: Vec<(&String, String)> = fields
        .iter()
        .filter_map(|(k, v)| Some((k, field_type(v)?)))
        .filter(|(k, t)| t.starts_with("list<") && !k.ends_with("_links"))
        .collect();
    let [(items, list)] = lists.as_slice() else {
        return None;
    };
    let item = list.strip_prefix("list<")?.strip_suffix('>')?;
    if item.ends_with('?') {
        return None;
    }
    let next = fields
        .iter()
        .map(|(k, _)| k)
        .find(|k| NEXT_FIELDS.contains(&k.as_str()));
    let mut page = Node::map();
    page.set("style", Node::str("marker"));
    page.set("item", Node::str(item));
    page.set("items", Node::str((*items).clone()));
    page.set("marker_param", Node::str(marker_param.clone()));
    if query.iter().any(|(k, _)| k == "limit") {
        page.set("limit_param", Node::str("limit"));
    }
    match next {
        Some(next) => page.set("next_marker", Node::str(next.clone())),
        None => {
            // OpenStack's: the next marker is the last item's `uuid` (where items have one,
            // as migrations do beside a number `id`) or `id`, and `<items>_links` holds a
            // `next` link while pages remain.
            if marker_param != "marker" {
                return None;
            }
            let Some(Node::Map(item_def)) = def_of(item) else {
                return None;
            };
            let (_, Node::Map(item_fields)) = item_def.iter().find(|(k, _)| k == "fields")? else {
                return None;
            };
            let marker_field = ["uuid", "id"]
                .into_iter()
                .find(|f| item_fields.iter().any(|(k, _)| k == f))?;
            page.set("marker_field", Node::str(marker_field));
            let links = format!("{items}_links");
            if fields
                .iter()
                .any(|(k, v)| *k == links && field_type(v).is_some_and(|t| t.starts_with("list<")))
            {
                page.set("links", Node::str(links));
            }
        }
    }
    Some(page)
}
