//! The bodies that are one list of identifiers (`{"key_hashes": [...]}`, `{"member_user_ids":
//! [...]}`, `{"user_ids": [...]}`), declared by one macro: the struct, its `new` and its writer.
//! Written by hand rather than by `body!`: the one field is a list of identifiers, which no
//! reader takes from a JS object (the bindings take the list itself). Their rules stay with
//! their areas (members add/remove caps a request at 100 ids; an assignment does not).

/// A JSON object of one field holding a list of identifiers: the bodies of the bulk member
/// and assignment operations (written by hand: no reader takes them from a JS object, the
/// bindings take the list itself).
pub(crate) fn id_list_json<'a>(field: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("{");
    crate::json_writer::string(&mut out, field);
    out.push_str(":[");
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(',');
        }
        crate::json_writer::string(&mut out, id);
    }
    out.push_str("]}");
    out
}

/// An id-list body `$name` whose one field `$field` holds `$id`s (newtypes with `as_str`).
macro_rules! id_list {
    ($(#[$doc:meta])* $name:ident { $(#[$fdoc:meta])* $field:ident: $id:ty }, $new_doc:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
        #[non_exhaustive]
        pub struct $name {
            $(#[$fdoc])*
            pub $field: Vec<$id>,
        }

        impl $name {
            #[doc = $new_doc]
            pub fn new<I, U>(ids: I) -> Self
            where
                I: IntoIterator<Item = U>,
                U: Into<$id>,
            {
                Self {
                    $field: ids.into_iter().map(Into::into).collect(),
                }
            }
        }

        /// The body as the JSON text that goes on the wire.
        impl $crate::body::WireBody for $name {
            fn wire(&self) -> String {
                $crate::id_list::id_list_json(
                    stringify!($field),
                    self.$field.iter().map(<$id>::as_str),
                )
            }
        }
    };
}
pub(crate) use id_list;
