//! One Liquid tag that fails, not the page: the tags, blocks and variables of a page
//! ([`super::evaluate`]) are each wrapped in a [`Recover`], which renders them as
//! `liquid-core` does and, when one fails (a filter on a value it cannot take, a loop
//! with a limit that is no number), writes a marker in its place instead of stopping the page. The
//! evaluator puts the tag back there as written, for the later stages to show as a
//! placeholder, with a warning at the tag that says why.
//!
//! More: docs/architecture.md, "Notes by module".

use std::cell::Cell;
use std::io::Write;

use liquid_core::error::ResultLiquidReplaceExt;
use liquid_core::parser::{BlockReflection, ParseBlock, TagBlock, TagReflection};
use liquid_core::{Language, ParseTag, Renderable, Runtime, TagTokenIter};

use super::liquid_lenient::Lenient;

/// The marker of a tag that failed: [`FAILED`], its number, [`END_FAILED`].
pub(super) const FAILED: char = '\u{E008}';
/// See [`FAILED`].
pub(super) const END_FAILED: char = '\u{E009}';

/// The name of the tag a variable is written as.
pub(super) const OUTPUT_TAG: &str = "opsbook_output";

thread_local! {
    /// The number the next wrapped tag parsed on this thread takes.
    static NEXT: Cell<usize> = const { Cell::new(0) };
}

/// Starts numbering the tags of a page's template, before it is parsed.
pub(super) fn start_parse() {
    NEXT.set(0);
}

/// How many tags the last parse on this thread numbered.
pub(super) fn parsed() -> usize {
    NEXT.get()
}

fn next_number() -> usize {
    let number = NEXT.get();
    NEXT.set(number + 1);
    number
}

/// The tags of one render that failed: each one's number and error.
#[derive(Debug, Default)]
pub(super) struct Failures(pub Vec<(usize, liquid_core::Error)>);

/// A tag of `liquid-lib`, wrapped.
#[derive(Clone)]
pub(super) struct RecoveringTag(pub Box<dyn ParseTag>);

impl ParseTag for RecoveringTag {
    fn parse(&self, arguments: TagTokenIter<'_>, options: &Language) -> liquid_core::Result<Box<dyn Renderable>> {
        let number = next_number();
        let inner = self.0.parse(arguments, options)?;
        Ok(Box::new(Recover { number, inner }))
    }

    fn reflection(&self) -> &dyn TagReflection {
        self.0.reflection()
    }
}

/// A block of `liquid-lib`, wrapped.
#[derive(Clone)]
pub(super) struct RecoveringBlock(pub Box<dyn ParseBlock>);

impl ParseBlock for RecoveringBlock {
    fn parse(
        &self,
        arguments: TagTokenIter<'_>,
        block: TagBlock<'_, '_>,
        options: &Language,
    ) -> liquid_core::Result<Box<dyn Renderable>> {
        let number = next_number();
        let inner = self.0.parse(arguments, block, options)?;
        Ok(Box::new(Recover { number, inner }))
    }

    fn reflection(&self) -> &dyn BlockReflection {
        self.0.reflection()
    }
}

/// `{% opsbook_output CHAIN %}`: a variable, wrapped.
#[derive(Clone, Copy, Debug)]
pub(super) struct OutputTag;

impl TagReflection for OutputTag {
    fn tag(&self) -> &str {
        OUTPUT_TAG
    }
    fn description(&self) -> &str {
        ""
    }
}

impl ParseTag for OutputTag {
    fn parse(&self, mut arguments: TagTokenIter<'_>, options: &Language) -> liquid_core::Result<Box<dyn Renderable>> {
        let number = next_number();
        let chain = arguments.expect_next("a variable")?.expect_filter_chain(options).into_result()?;
        arguments.expect_nothing()?;
        Ok(Box::new(Recover { number, inner: Box::new(super::liquid_order::Output(chain)) }))
    }

    fn reflection(&self) -> &dyn TagReflection {
        self
    }
}

/// A tag that fails alone.
#[derive(Debug)]
struct Recover {
    number: usize,
    inner: Box<dyn Renderable>,
}

impl Renderable for Recover {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> liquid_core::Result<()> {
        let registers = runtime.registers();
        if let Some(why) = super::liquid_budget::over(registers, self.number) {
            return Err(liquid_core::Error::with_msg(why));
        }
        let lenient = Lenient(runtime);
        let before = registers.get_mut::<Failures>().0.len();
        let mut buffer = crate::markdown::templating::Bounded::new(super::liquid_budget::MAX_OUTPUT);
        match self.inner.render_to(&mut buffer, &lenient) {
            // A spent budget stops the page, not the tag alone.
            _ if super::liquid_budget::spent(registers, self.number) => {
                Err(liquid_core::Error::with_msg("the page's budget is spent"))
            }
            Ok(()) => writer.write_all(&buffer.bytes).replace(crate::markdown::templating::TOO_LONG),
            Err(error) if buffer.full => Err(error),
            Err(error) => {
                let mut failures = runtime.registers().get_mut::<Failures>();
                failures.0.truncate(before);
                failures.0.push((self.number, error));
                write!(writer, "{FAILED}{}{END_FAILED}", self.number).replace(crate::markdown::templating::TOO_LONG)
            }
        }
    }
}
