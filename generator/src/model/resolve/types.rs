//! Types: each declared type resolved (objects and their fields, enums and their variants, unions and their members, named maps), then recursion boxed or rejected (`../recursion.rs`).

use super::*;

impl Resolver<'_> {
    pub(super) fn type_decl(&mut self, name: &S<String>, def: &spec::TypeDef) -> Option<TypeDecl> {
        let rust = self.named.get(&name.value)?.clone();
        let loc = self.loc(name);
        let given: Vec<&str> = [
            def.fields.as_ref().map(|_| "fields"),
            def.string_enum.as_ref().map(|_| "enum"),
            def.int_enum.as_ref().map(|_| "int_enum"),
            def.union.as_ref().map(|_| "union"),
            def.map.as_ref().map(|_| "map"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if given.len() != 1 {
            let message = if given.is_empty() {
                format!("type `{}` says neither what it is", name.value)
            } else {
                format!(
                    "type `{}` has {}: a type is only one of them",
                    name.value,
                    given.join(", ")
                )
            };
            self.report(
                Diagnostic::new(loc, message)
                    .help("give exactly one of `fields:`, `enum:`, `int_enum:`, `union:`, `map:`"),
            );
            return None;
        }
        let kind = if let Some(fields) = &def.fields {
            TypeKind::Object(self.fields(&rust, fields))
        } else if let Some(values) = &def.string_enum {
            if values.is_empty() {
                self.report(
                    Diagnostic::new(loc.clone(), format!("enum `{}` has no values", name.value))
                        .help("list its values under `enum:`, or make the field a `string`"),
                );
            }
            TypeKind::StringEnum(self.string_variants(&rust, values))
        } else if let Some(values) = &def.int_enum {
            if values.is_empty() {
                self.report(
                    Diagnostic::new(loc.clone(), format!("enum `{}` has no values", name.value))
                        .help("list its values under `int_enum:`, or make the field an `int64`"),
                );
            }
            TypeKind::IntEnum(self.int_variants(&rust, values))
        } else if let Some(union) = &def.union {
            TypeKind::Union(self.union(name, &rust, union))
        } else {
            let value = def.map.as_ref()?;
            let loc = self.loc(value);
            let value = TypeRef::parse_item(&value.value, &self.named, &loc).unwrap_or_else(|d| {
                self.report(d);
                TypeRef::Json
            });
            TypeKind::Map {
                value,
                newtype: false,
            }
        };
        Some(TypeDecl {
            rust,
            doc: Doc::from_option(def.doc.as_deref()),
            kind,
            smallest: 1,
        })
    }

    /// Variant names for an integer enum's values (`V1`, `VMinus1`), or the names given with
    /// `rust:`; collisions are errors.
    fn int_variants(
        &mut self,
        owner: &str,
        values: &indexmap::IndexMap<S<i64>, Option<spec::EnumValue>>,
    ) -> Vec<Variant<i64>> {
        let mut scope = scopes::enum_variants(owner);
        values
            .iter()
            .map(|(value, meta)| {
                let derived = format!("V{}", value.value).replace('-', "Minus");
                let rust = self.name(meta.as_ref().and_then(|m| m.rust.as_ref()), derived, true);
                let loc = self.loc(value);
                self.claim(&mut scope, &rust, &value.value.to_string(), &loc);
                Variant {
                    rust,
                    value: value.value,
                    doc: Doc::from_option(meta.as_ref().and_then(|m| m.doc.as_deref())),
                }
            })
            .collect()
    }

    /// A union's members and their variant names: from the member types (`String`, `Port`),
    /// or with a discriminator from the values naming them (`circle` gives `Circle`).
    pub(super) fn union(&mut self, name: &S<String>, rust: &str, def: &spec::UnionDef) -> Union {
        let (discriminator, members) = match def {
            spec::UnionDef::Untagged(spans) => {
                // Names from the member types, told apart by construction (`Int32`, `Int64`).
                let types: Vec<TypeRef> = spans.iter().map(|m| self.type_ref(m)).collect();
                let members = union_variant_names(&types)
                    .into_iter()
                    .zip(types)
                    .zip(spans)
                    .map(|((rust, ty), span)| UnionMember {
                        rust,
                        ty,
                        boxed: false,
                        tag: None,
                        loc: self.loc(span),
                    })
                    .collect::<Vec<_>>();
                self.check_union_members(&members, spans);
                (None, members)
            }
            spec::UnionDef::Tagged(tagged) => {
                let mut scope = scopes::enum_variants(rust);
                let members = tagged
                    .members
                    .iter()
                    .map(|(tag, ty)| {
                        // Derived names are told apart, not reported: `circle`, `Circle` give
                        // `Circle`, `Circle2`; `unknown` gives `Unknown2`.
                        let base = camel(&tag.value);
                        let loc = self.loc(tag);
                        let rust = std::iter::once(base.clone())
                            .chain((2..).map(|n| format!("{base}{n}")))
                            .find(|c| scope.claim(c, &tag.value, &loc).is_ok())
                            .unwrap_or(base);
                        UnionMember {
                            rust,
                            ty: self.type_ref(ty),
                            boxed: false,
                            tag: Some(tag.value.clone()),
                            loc: self.loc(ty),
                        }
                    })
                    .collect::<Vec<_>>();
                (Some(tagged.discriminator.value.clone()), members)
            }
        };
        let least = if discriminator.is_some() { 1 } else { 2 };
        if members.len() < least {
            let loc = self.loc(name);
            let (count, example) = if discriminator.is_some() {
                ("one member", "`members: {circle: Circle}`")
            } else {
                ("two members", "`union: [string, float64]`")
            };
            self.report(
                Diagnostic::new(
                    loc,
                    format!("union `{}` needs at least {count}", name.value),
                )
                .help(format!("list the member types, e.g. {example}")),
            );
        }
        Union {
            discriminator,
            members,
        }
    }

    /// Variant names for a string enum's values. Derived names that collide are told apart by
    /// the case of their values (`HARD` `Hard` `hard` give `HardUpper`, `Hard`, `HardLower`);
    /// a value named like the catch-all `Unknown` becomes `UnknownValue`. Names given with
    /// `rust:` are taken as they are, and collide with an error.
    pub(super) fn string_variants(
        &mut self,
        owner: &str,
        values: &spec::Map<Option<spec::EnumValue>>,
    ) -> Vec<Variant<String>> {
        let mut scope = scopes::enum_variants(owner);
        // Values already in the case their variant name has claim that name first.
        let mut order: Vec<_> = values.iter().collect();
        order.sort_by_key(|(value, meta)| {
            let given = meta.as_ref().is_some_and(|m| m.rust.is_some());
            (
                !given && camel(&value.value) != value.value,
                value.referenced.line(),
            )
        });
        let mut named = HashMap::new();
        for (value, meta) in order {
            let loc = self.loc(value);
            let given = meta.as_ref().and_then(|m| m.rust.as_ref());
            let rust = match given {
                Some(_) => self.name(given, camel(&value.value), true),
                None => {
                    let base = camel(&value.value);
                    let letters = || value.value.chars().filter(|c| c.is_alphabetic());
                    let case = if letters().all(char::is_uppercase) {
                        "Upper"
                    } else if letters().all(char::is_lowercase) {
                        "Lower"
                    } else {
                        "Mixed"
                    };
                    let mut candidates = vec![base.clone()];
                    if base == "Unknown" {
                        candidates.push("UnknownValue".to_owned());
                    }
                    candidates.push(format!("{base}{case}"));
                    let free = candidates
                        .into_iter()
                        .chain((2..).map(|n| format!("{base}{n}")));
                    free.into_iter()
                        .find(|c| scope.claim(c, &value.value, &loc).is_ok())
                        .unwrap_or(base)
                }
            };
            if given.is_some() {
                self.claim(&mut scope, &rust, &value.value, &loc);
            }
            named.insert(value.value.clone(), rust);
        }
        values
            .iter()
            .map(|(value, meta)| Variant {
                rust: named.get(&value.value).cloned().unwrap_or_default(),
                value: value.value.clone(),
                doc: Doc::from_option(meta.as_ref().and_then(|m| m.doc.as_deref())),
            })
            .collect()
    }

    /// Whether every JSON value `later` accepts is accepted by `earlier` too, so that `later`,
    /// tried after it in an untagged union, can never be decoded.
    pub(super) fn covers(&self, earlier: &TypeRef, later: &TypeRef) -> bool {
        let string_like = |t: &TypeRef| match t {
            TypeRef::String | TypeRef::DateTime | TypeRef::Date | TypeRef::Decimal => true,
            TypeRef::Named(n) => self.enums.contains(n) && !self.int_enums.contains(n),
            _ => false,
        };
        // The integers each integer type takes: an open integer enum any `i64`.
        let integers = |t: &TypeRef| match t {
            TypeRef::Named(n) if self.int_enums.contains(n) => TypeRef::Int64.integer_range(),
            other => other.integer_range(),
        };
        let integer_like = |t: &TypeRef| integers(t).is_some();
        // `int64` takes every `int32` and `uint32`, `uint64` every `uint32`; a signed and an
        // unsigned type of the same width each hold values the other does not.
        let takes_integers = match (integers(earlier), integers(later)) {
            (Some((low, high)), Some((from, to))) => low <= from && to <= high,
            _ => false,
        };
        // Open enums accept any string (or integer), like the plain scalar.
        let accepts_all_strings = |t: &TypeRef| match t {
            TypeRef::String => true,
            TypeRef::Named(n) => self.enums.contains(n) && !self.int_enums.contains(n),
            _ => false,
        };
        earlier == later
            || *earlier == TypeRef::Json
            || (accepts_all_strings(earlier) && string_like(later))
            || (*earlier == TypeRef::Float64 && integer_like(later))
            || takes_integers
            || match (earlier, later) {
                // `list<string>` takes every `list<decimal>`; `list<T?>` every `list<T>`.
                (TypeRef::List(a), TypeRef::List(b)) | (TypeRef::Map(a), TypeRef::Map(b)) => {
                    self.covers(a, b)
                }
                (TypeRef::Nullable(a), TypeRef::Nullable(b)) => self.covers(a, b),
                (TypeRef::Nullable(a), b) => self.covers(a, b),
                _ => false,
            }
    }

    /// Reports union members that an earlier member always wins over.
    pub(super) fn check_union_members(&mut self, members: &[UnionMember], spans: &[S<String>]) {
        for (j, later) in members.iter().enumerate() {
            let Some(i) = (0..j).find(|&i| self.covers(&members[i].ty, &later.ty)) else {
                continue;
            };
            let Some(span) = spans.get(j) else { continue };
            let loc = self.loc(span);
            let earlier = spans.get(i).map_or("?", |s| s.value.as_str());
            self.report(
                Diagnostic::new(
                    loc,
                    format!(
                        "union member `{}` can never be decoded: the earlier member `{earlier}` \
                         accepts every value it could hold",
                        span.value
                    ),
                )
                .help("members are tried in order: put the more specific one first, or drop one"),
            );
        }
    }

    /// The fields of object type `owner`, each with the name of its setter (the field's, unless
    /// one of the type's own methods has it).
    pub(super) fn fields(
        &mut self,
        owner: &str,
        fields: &spec::Map<spec::Field>,
    ) -> Vec<FieldDecl> {
        let mut scope = Scope::new(format!("fields of `{owner}`"));
        let mut methods = scopes::type_methods(owner);
        fields
            .iter()
            .map(|(wire, field)| {
                let rust = self.name(field.rust.as_ref(), snake(&wire.value), false);
                let loc = self.loc(wire);
                self.claim(&mut scope, &rust, &wire.value, &loc);
                let setter = if field.optional {
                    let origin = format!("{} (its setter)", wire.value);
                    self.allocate(
                        &mut [&mut methods],
                        None,
                        (rust.clone(), Kind::Snake),
                        &origin,
                        &loc,
                    )
                } else {
                    rust.clone()
                };
                // An optional nullable field has a second setter, of `null`.
                let clear = (field.optional && field.nullable).then(|| {
                    let base = format!("clear_{}", crate::naming::unraw(&setter));
                    let origin = format!("{} (its setter of null)", wire.value);
                    self.allocate(
                        &mut [&mut methods],
                        None,
                        (base, Kind::Snake),
                        &origin,
                        &loc,
                    )
                });
                let ty = self.type_ref(&field.ty);
                let format = self.format(field.format.as_ref(), &ty);
                let pattern = self.pattern(field.pattern.as_ref(), &ty);
                FieldDecl {
                    wire: wire.value.clone(),
                    rust,
                    setter,
                    clear,
                    ty,
                    format,
                    pattern,
                    optional: field.optional,
                    nullable: field.nullable,
                    boxed: false,
                    doc: Doc::from_option(field.doc.as_deref()),
                }
            })
            .collect()
    }

    /// Boxes the references of recursive types, makes recursive named maps newtypes, and
    /// reports types no value fits or whose smallest value is too large (`recursion.rs`).
    pub(super) fn recursion(&mut self, mut types: Vec<TypeDecl>) -> Vec<TypeDecl> {
        // Rust type name to its spec definition, to point at the type or one of its fields.
        let defs: HashMap<&str, (&S<String>, &spec::TypeDef)> = self
            .file
            .api
            .types
            .iter()
            .filter_map(|(name, def)| Some((self.named.get(&name.value)?.as_str(), (name, def))))
            .collect();
        let locate = |owner: &str, field: Option<&str>| {
            let (name, def) = defs.get(owner)?;
            Some(match field {
                None => self.loc(name),
                Some(wire) => self.loc(def.fields.as_ref()?.keys().find(|k| k.value == wire)?),
            })
        };
        let problems = super::recursion::analyse(&mut types, &locate);
        self.errors.extend(problems);
        types
    }
}

/// The variant names of a union's members: each member's short name (`String`, `Integer`),
/// or where two members share one, their precise names (`Int32`, `Int64`), numbered if even
/// those are shared. Derived from the members alone, so they never collide.
pub(super) fn union_variant_names(members: &[TypeRef]) -> Vec<String> {
    let short: Vec<String> = members.iter().map(TypeRef::variant_name).collect();
    let mut names: Vec<String> = members
        .iter()
        .zip(&short)
        .map(|(ty, name)| {
            if short.iter().filter(|n| *n == name).count() > 1 {
                ty.precise_variant_name()
            } else {
                name.clone()
            }
        })
        .collect();
    let mut taken = HashSet::new();
    for name in &mut names {
        let base = name.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            *name = format!("{base}{n}");
            n += 1;
        }
    }
    names
}
