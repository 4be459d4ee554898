//! The files written from the blogs' model: the Atom feeds ([`feed`]).

pub(crate) mod feed;
