//! `paged!`: what makes an endpoint a list that pages by `offset` and `limit`, declared once per
//! list: its [`PagedEndpoint`](crate::endpoint::PagedEndpoint) impl and the `limit`/`offset`
//! setters of its [`Call`](crate::Call), so a new list needs no other registration. Apart from
//! `endpoint.rs`, because the setters name the client, which itself names the endpoint traits.

/// A list endpoint `$t` of `$item`s with `offset: Option<u64>` and `limit: Option<u32>` fields.
macro_rules! paged {
    ($t:ty, $item:ty) => {
        impl $crate::endpoint::PagedEndpoint for $t {
            type Item = $item;
            fn offset(&self) -> u64 {
                self.offset.unwrap_or(0)
            }
            fn set_offset(&mut self, offset: u64) {
                self.offset = Some(offset);
            }
            fn page_size(&self) -> u64 {
                u64::from(self.limit.unwrap_or(50))
            }
            fn set_page_size(&mut self, n: u64) {
                self.limit = Some(n.clamp(1, 100) as u32);
            }
        }

        impl<T: $crate::transport::Transport> $crate::client::Call<'_, T, $t> {
            /// Page size, 1..100.
            pub fn limit(mut self, n: u32) -> Self {
                self.endpoint.limit = Some(n);
                self
            }
            /// Records to skip.
            pub fn offset(mut self, n: u64) -> Self {
                self.endpoint.offset = Some(n);
                self
            }
        }
    };
}
pub(crate) use paged;
