//! Running the row parser over a block's records, in parallel parts, and
//! collecting the runs into the file's load in file order.

use super::records::{Next, Record, Records};
use super::row::RowParser;
use super::{Context, Plan};
use crate::data::load::FileLoad;
use crate::data::load::blocks::stops;
use crate::data::load::error::{LoadError, RowList, fits_header, line_ends, quote_over_lines};
use crate::data::load::prefault::reserve_present;
use crate::data::model::{Observation, Row, Texts};

/// What one run of records gave. Lines are counted from the run's start (its
/// first line is line 1), and texts are interned in the run's own table.
#[derive(Default)]
struct Run {
    observations: Vec<Observation>,
    skipped: RowList,
    rows: u64,
    texts: Texts,
    /// Lines (relative to the run's start) of rates that state their currency.
    stated_currency: Vec<Row>,
    /// The strict-mode error that stopped the run.
    error: Option<LoadError>,
    /// The end of the last record read.
    end: usize,
    /// Line ends read up to `end`.
    newlines: u64,
    /// Whether the run stopped at its `stop` position, as planned.
    reached_stop: bool,
}

/// Parses records from `start`. With `stop`, parsing ends once a record ends at
/// `stop` or where only line ends lie between it and `stop`: `stop` is a guess
/// at a record boundary (just after a line end), right unless that line end is
/// inside a quoted field, in which case the run reads past it and says so.
///
/// Observations go into `observations` (an emptied vector of an earlier run,
/// so that its memory is written again rather than freshly mapped).
fn run(
    context: &Context,
    data: &[u8],
    (start, stop): (usize, Option<usize>),
    eof: bool,
    observations: Vec<Observation>,
) -> Run {
    let mut out = Run {
        observations,
        ..Run::default()
    };
    let mut records = Records::new(data, start, false);
    let mut record = Record::new();
    let mut rows = RowParser::new(context);
    loop {
        let end = records.pos;
        (out.end, out.newlines) = (end, records.line() - 1);
        if let Some(stop) = stop {
            if end > stop {
                break;
            }
            if data[end..stop].iter().all(|&b| b == b'\r' || b == b'\n') {
                out.reached_stop = true;
                break;
            }
        }
        match records.next(&mut record, eof) {
            Next::Record => {}
            Next::End => {
                (out.end, out.newlines) = (records.pos, records.line() - 1);
                break;
            }
            Next::Incomplete => break,
        }
        out.rows += 1;
        let line = records.record_line;
        if record.open_quote {
            out.error = Some(LoadError::open_quote(context.path, line));
            break;
        }
        if record.line_breaks > 0 {
            let over = quote_over_lines(
                context.path,
                line,
                record.line_breaks,
                context.lenient,
                &mut out.skipped,
                &mut out.rows,
            );
            if let Err(error) = over {
                out.error = Some(error);
                break;
            }
            continue;
        }
        let row = if !fits_header(
            record.len(),
            context.header.len,
            record.get(context.header.len),
        ) {
            Err(LoadError::field_count(
                context.path,
                line,
                record.len(),
                context.header.len,
            ))
        } else {
            rows.parse(line, &record)
        };
        match row {
            Ok(observation) => out.observations.push(observation),
            Err(error) if context.lenient => out.skipped.push(error),
            Err(error) => {
                out.error = Some(error);
                break;
            }
        }
    }
    out.texts = rows.texts;
    out.stated_currency = rows.stated_currency;
    out
}

/// Collects runs into the file's load, in file order.
pub(super) struct Loader<'a> {
    context: Context<'a>,
    plan: Plan,
    texts: &'a mut Texts,
    load: FileLoad,
    /// The line at the end of what has been read so far.
    line: u64,
    /// Runs parsed but not yet added to `load`, each with the line at its
    /// start: a block's runs are added while the next block is parsed.
    pending: Vec<(Run, u64)>,
    /// Emptied observation vectors of runs added, for the next runs.
    spare: Vec<Vec<Observation>>,
}

impl<'a> Loader<'a> {
    /// A loader whose first record starts after `line` (the header's).
    pub(super) fn new(context: Context<'a>, plan: Plan, texts: &'a mut Texts, line: u64) -> Self {
        Self {
            context,
            plan,
            texts,
            load: FileLoad::default(),
            line,
            pending: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Parses `data[start..]`, in parallel parts when it is large, and returns
    /// where the last whole record ends (where the next block must start).
    ///
    /// `meanwhile`, if any, runs on this thread while the parts are parsed.
    pub(super) fn block(
        &mut self,
        data: &[u8],
        start: usize,
        eof: bool,
        meanwhile: Option<&mut dyn FnMut()>,
    ) -> Result<usize, LoadError> {
        let len = data.len() - start;
        let parts = if len >= 2 * self.plan.min_part {
            self.plan.parts().min(len / self.plan.min_part.max(1))
        } else {
            1
        };
        let stops = stops(data, start, parts.max(1));
        let mut starts = vec![start];
        starts.extend(&stops);
        let context = &self.context;
        let pending = std::mem::take(&mut self.pending);
        let (texts, load, spare) = (&mut *self.texts, &mut self.load, &mut self.spare);
        let mut parts: Vec<_> = (0..starts.len())
            .map(|i| (starts[i], stops.get(i).copied()))
            .zip(std::iter::repeat_with(|| spare.pop().unwrap_or_default()))
            .collect();
        let mut absorbed = Ok(());
        let runs: Vec<Run> = match meanwhile {
            None => {
                absorb_all(texts, load, pending, spare)?;
                let (first, first_observations) = parts.remove(0);
                if parts.is_empty() {
                    vec![run(context, data, first, eof, first_observations)]
                } else {
                    std::thread::scope(|scope| {
                        let handles: Vec<_> = parts
                            .into_iter()
                            .map(|(part, observations)| {
                                scope.spawn(move || run(context, data, part, eof, observations))
                            })
                            .collect();
                        let mut runs = vec![run(context, data, first, eof, first_observations)];
                        runs.extend(
                            handles
                                .into_iter()
                                .map(|handle| handle.join().expect("a loader thread panicked")),
                        );
                        runs
                    })
                }
            }
            // Every part on a thread of its own; this one runs `meanwhile`
            // and adds the runs of the block before.
            Some(meanwhile) => std::thread::scope(|scope| {
                let handles: Vec<_> = parts
                    .into_iter()
                    .map(|(part, observations)| {
                        scope.spawn(move || run(context, data, part, eof, observations))
                    })
                    .collect();
                meanwhile();
                absorbed = absorb_all(texts, load, pending, spare);
                handles
                    .into_iter()
                    .map(|handle| handle.join().expect("a loader thread panicked"))
                    .collect()
            }),
        };
        absorbed?;
        let mut line = self.line;
        for (i, current) in runs.into_iter().enumerate() {
            let end = current.end;
            let end_line = line + current.newlines;
            let stopped = current.error.is_some();
            let reached_stop = current.reached_stop;
            self.pending.push((current, line));
            if stopped {
                // Nothing after a strict-mode error counts.
                self.line = end_line;
                return Ok(end);
            }
            match starts.get(i + 1) {
                Some(&next) if reached_stop => {
                    line = end_line + line_ends(&data[end..next]);
                }
                Some(_) => {
                    // The guessed boundary was inside a record (a quoted field
                    // with a line end): read the rest again from the true end.
                    let observations = self.spare.pop().unwrap_or_default();
                    let rest = run(&self.context, data, (end, None), eof, observations);
                    let rest_end = rest.end;
                    self.line = end_line + rest.newlines;
                    self.pending.push((rest, end_line));
                    return Ok(rest_end);
                }
                None => {
                    self.line = end_line;
                    return Ok(end);
                }
            }
        }
        unreachable!("the last run returns")
    }

    /// The line at the end of what has been read: where an unfinished record
    /// starts.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    pub(super) fn finish(mut self) -> Result<FileLoad, LoadError> {
        absorb_all(
            self.texts,
            &mut self.load,
            std::mem::take(&mut self.pending),
            &mut self.spare,
        )?;
        if self.load.rows == 0 {
            return Err(LoadError::no_rows(self.context.path));
        }
        Ok(self.load)
    }
}

/// Adds runs' results in order, up to the first strict-mode error, and keeps
/// their emptied observation vectors in `spare`.
fn absorb_all(
    texts: &mut Texts,
    load: &mut FileLoad,
    runs: Vec<(Run, u64)>,
    spare: &mut Vec<Vec<Observation>>,
) -> Result<(), LoadError> {
    for (mut run, line) in runs {
        absorb(texts, load, &mut run, line)?;
        spare.push(run.observations);
    }
    Ok(())
}

/// Adds a run's results with their lines in the file (`line` is the line
/// at the run's start, its line 1) and shared text ids.
fn absorb(
    texts: &mut Texts,
    load: &mut FileLoad,
    run: &mut Run,
    line: u64,
) -> Result<(), LoadError> {
    let in_file = |relative: u64| line + relative - 1;
    // Texts first, even before an error: the reference interns as it goes.
    let map = texts.absorb(&run.texts);
    if let Some(error) = &mut run.error {
        error.line = error.line.map(in_file);
        return Err(error.clone());
    }
    // Texts usually keep their ids (the file's first run, or texts already
    // known in the order the run met them): then only rows change.
    let same_ids = map.iter().enumerate().all(|(i, id)| id.index() == i);
    for observation in &mut run.observations {
        observation.row = Row::at_line(in_file(u64::from(observation.row.0)));
        if !same_ids {
            observation.source = map[observation.source.index()];
            observation.note = map[observation.note.index()];
        }
    }
    // Runs are added in file order, each in order of line.
    if let Some(last) = run.observations.last() {
        load.last_observation_row = Some(last.row);
    }
    // Written at once, while the next block is parsed.
    let _ = reserve_present(&mut load.observations, run.observations.len());
    load.observations.append(&mut run.observations);
    let stated = run.stated_currency.drain(..);
    load.stated_currency
        .extend(stated.map(|row| Row::at_line(in_file(u64::from(row.0)))));
    for error in &mut run.skipped.listed {
        error.line = error.line.map(in_file);
    }
    load.skipped.append(std::mem::take(&mut run.skipped));
    load.rows += run.rows;
    Ok(())
}
