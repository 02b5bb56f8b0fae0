//! Cargo features per top-level resource (`resource_features: true` in a spec): which feature
//! each resource, type and waiter is compiled under, so that a build of a large API compiles
//! only the resources it uses.
//!
//! Every top-level resource is a group with the feature `<api>-<resource>`; `<api>-client` is the
//! client itself and the types more than one group uses; the feature `<api>` turns on all of
//! them. A type used by exactly one group (through its methods' inputs and answers, and the types
//! those contain) is compiled only with that group's feature. A type used by two groups or more,
//! or by none, or contained in one no group uses, is always compiled with the client. The rule
//! keeps every combination of features compiling: whatever uses a group's type belongs to that
//! group too.

use super::{Api, Method, Resource, Response, visit_methods};
use std::collections::{BTreeMap, BTreeSet};

/// The features of an API compiled a group per top-level resource.
#[derive(Clone, Debug)]
pub struct ResourceFeatures {
    /// The feature of the client and of the types several groups share (`nirvana-client`).
    pub base: String,
    /// A group per top-level resource, in spec order.
    pub groups: Vec<FeatureGroup>,
    /// The feature of each type only one group uses (by Rust name).
    types: BTreeMap<String, String>,
}

/// The feature of one top-level resource.
#[derive(Clone, Debug)]
pub struct FeatureGroup {
    /// The cargo feature (`nirvana-compute`).
    pub feature: String,
    /// The resource's path in the spec (`compute`).
    pub resource: String,
    /// Other groups it turns on: those whose methods its waiters poll.
    pub requires: Vec<String>,
}

impl ResourceFeatures {
    /// The feature `ty` is compiled under, `None` if it is always compiled with the client.
    pub fn of_type(&self, ty: &str) -> Option<&str> {
        self.types.get(ty).map(String::as_str)
    }

    /// The feature of the group `resource` belongs to (by its dotted path).
    pub fn of_resource(&self, path: &str) -> Option<&str> {
        let top = path.split('.').next().unwrap_or(path);
        self.groups
            .iter()
            .find(|g| g.resource == top)
            .map(|g| g.feature.as_str())
    }
}

/// The features of `api` (whose `features` is still `None`), with `feature` naming each group:
/// `<module>-<resource>` in kebab case.
pub fn assign(api: &Api, feature: impl Fn(&Resource) -> String) -> ResourceFeatures {
    let groups: Vec<FeatureGroup> = api
        .resources
        .iter()
        .map(|resource| FeatureGroup {
            feature: feature(resource),
            resource: resource.path.clone(),
            requires: Vec::new(),
        })
        .collect();
    let types = owners(api)
        .into_iter()
        .map(|(ty, owner)| (ty, groups[owner].feature.clone()))
        .collect();
    let mut features = ResourceFeatures {
        base: format!("{}-client", api.module),
        groups,
        types,
    };
    // A group returning a waited type turns on the group whose method the waiter polls, so
    // that `.wait()` is there whenever the method that starts the work is.
    let mut requires: Vec<Vec<String>> = vec![Vec::new(); api.resources.len()];
    for waiter in &api.waiters {
        let Some(poll) = waiter
            .poll_resource
            .first()
            .and_then(|accessor| api.resources.iter().find(|r| &r.accessor == accessor))
            .and_then(|r| features.of_resource(&r.path))
            .map(str::to_owned)
        else {
            continue;
        };
        for (index, resource) in api.resources.iter().enumerate() {
            let mut returned = BTreeSet::new();
            visit_methods(std::slice::from_ref(resource), &mut |_, method| {
                response_types(&method.response, &mut returned)
            });
            if returned.contains(&waiter.waited) && features.groups[index].feature != poll {
                requires[index].push(poll.clone());
            }
        }
    }
    for (group, mut required) in features.groups.iter_mut().zip(requires) {
        required.sort();
        required.dedup();
        group.requires = required;
    }
    features
}

/// The top-level resource (by index) that alone uses each type, through its methods' inputs and
/// answers and the types those contain. A type used by two resources or more, or by none, or
/// contained in one no resource uses, is shared and left out: whatever uses an owned type is in
/// its owner too, so the owner's module (and feature) can hold it.
pub fn owners(api: &Api) -> BTreeMap<String, usize> {
    let mut users: BTreeMap<String, BTreeSet<Option<usize>>> = BTreeMap::new();
    for (index, resource) in api.resources.iter().enumerate() {
        let mut roots = BTreeSet::new();
        visit_methods(std::slice::from_ref(resource), &mut |_, method| {
            method_types(method, &mut roots)
        });
        for ty in api.reachable(roots) {
            users.entry(ty).or_default().insert(Some(index));
        }
    }
    // A type no method uses is always compiled, and so must be every type it contains: they
    // count as used by the client too, which makes them shared.
    let unused: BTreeSet<String> = api
        .types
        .iter()
        .filter(|t| !users.contains_key(&t.rust))
        .map(|t| t.rust.clone())
        .collect();
    for ty in api.reachable(unused) {
        users.entry(ty).or_default().insert(None);
    }
    users
        .into_iter()
        .filter_map(
            |(ty, owners)| match owners.into_iter().collect::<Vec<_>>()[..] {
                [Some(owner)] => Some((ty, owner)),
                _ => None,
            },
        )
        .collect()
}

/// The named types `method` takes (arguments and parameters) or returns directly.
fn method_types(method: &Method, into: &mut BTreeSet<String>) {
    for input in method.inputs() {
        input.ty.collect_named(into);
    }
    response_types(&method.response, into);
}

fn response_types(response: &Response, into: &mut BTreeSet<String>) {
    match response {
        Response::Empty | Response::Bytes | Response::Text => {}
        Response::Json(ty) => ty.collect_named(into),
        Response::CursorPage { item, .. } | Response::List { item, .. } => item.collect_named(into),
    }
}

#[cfg(test)]
mod tests {
    /// The fixture's features: types one resource uses go under its feature, shared ones under
    /// the client's, and the resource returning the waited type turns on the polled one.
    #[test]
    fn types_go_under_the_one_resource_that_uses_them() {
        let source = crate::SpecSource {
            path: "resource_features.yaml".into(),
            text: include_str!("../../tests/fixtures/resource_features.yaml").into(),
        };
        let apis = crate::models(&[source]).unwrap_or_else(|e| panic!("{e}"));
        let features = apis[0].features.as_ref().expect("resource_features: true");
        assert_eq!(features.base, "resource_features-client");
        let of = |ty: &str| features.of_type(ty);
        assert_eq!(of("ServerSize"), Some("resource_features-servers"));
        assert_eq!(of("JobRef"), Some("resource_features-servers"));
        assert_eq!(
            of("Volume"),
            None,
            "`Archive`, which no method uses, holds one"
        );
        assert_eq!(of("Archive"), None);
        assert_eq!(of("Job"), Some("resource_features-jobs"));
        assert_eq!(of("JobStatus"), Some("resource_features-jobs"));
        assert_eq!(of("Region"), None, "servers and volumes share it");
        let requires: Vec<(&str, &[String])> = features
            .groups
            .iter()
            .map(|g| (g.feature.as_str(), g.requires.as_slice()))
            .collect();
        assert_eq!(
            requires,
            [
                (
                    "resource_features-servers",
                    &["resource_features-jobs".to_owned()][..]
                ),
                ("resource_features-volumes", &[][..]),
                ("resource_features-jobs", &[][..]),
            ]
        );
        assert_eq!(
            features.of_resource("servers"),
            Some("resource_features-servers")
        );
        assert_eq!(
            features.of_resource("jobs.sub"),
            Some("resource_features-jobs")
        );
    }
}
