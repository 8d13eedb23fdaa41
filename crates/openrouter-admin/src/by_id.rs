//! `by_id!`: the `get`, `update` and `delete` of a handler of one resource named by its id
//! (`client.key(hash)`, `client.workspace(id)`, `client.guardrail(id)`, `client.byok_key(id)`,
//! `client.destination(id)`), declared once per handler: each method builds its endpoint with the
//! constructor beside it and hands it to the client.

/// The three methods of `$handler`, whose `$field` names the resource; each with its doc.
macro_rules! by_id {
    (
        $handler:ident . $field:ident,
        $(#[$gdoc:meta])* get: $get:ident,
        $(#[$udoc:meta])* update: $update:ident($patch:ty),
        $(#[$ddoc:meta])* delete: $delete:ident $(,)?
    ) => {
        impl<'a, T: $crate::transport::Transport> $handler<'a, T> {
            $(#[$gdoc])*
            pub fn get(&self) -> $crate::client::Call<'a, T, $get> {
                self.client.call($get::new(self.$field.clone()))
            }
            $(#[$udoc])*
            pub fn update(&self, patch: $patch) -> $crate::client::Call<'a, T, $update> {
                self.client.call($update::new(self.$field.clone(), patch))
            }
            $(#[$ddoc])*
            pub fn delete(&self) -> $crate::client::Call<'a, T, $delete> {
                self.client.call($delete::new(self.$field.clone()))
            }
        }
    };
}
pub(crate) use by_id;
