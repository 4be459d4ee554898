//! Middleman: the URL rules of `config.rb`.

pub(crate) mod site;
