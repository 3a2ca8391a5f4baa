// Ranking evaluation: reads TREC topics, qrels and runs, writes runs, and computes the five
// measures of trec_eval 10.0 (map, ndcg_cut_10, P_10, recall_100, recip_rank) with its exact
// conventions; compares a report with a saved baseline and top-k snapshots with older ones.
// Pure C++: it knows nothing of Xapian, so `dossier-query eval` runs the queries and hands the
// results over as a Run.
#pragma once

#include <array>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dossier::eval {

/// One query of a topic set. For a TSV file `query` is the second column; for a TREC topic file it
/// is the <title>, and `description` / `narrative` hold <desc> / <narr> (whitespace folded).
struct Topic {
    std::string id;
    std::string query;
    std::string description;
    std::string narrative;
};

/// Relevance judgments: qid -> docno -> grade. Grade >= 1 is relevant and is the nDCG gain; 0 is
/// judged non-relevant; a negative grade counts as unjudged (trec_eval's "in pool, not judged").
struct Qrels {
    std::string source;  // file name, for error messages
    std::map<std::string, std::map<std::string, int>> judgments;
};

struct RunEntry {
    std::string docno;
    double score = 0.0;
};

/// Retrieved documents per query, in any order: evaluation ranks them as trec_eval does
/// (score descending, ties by docno descending as byte strings); the rank column is not kept.
struct Run {
    std::string source;  // file name, for error messages
    std::string run_id;  // run id of the last line read, as trec_eval keeps it
    std::map<std::string, std::vector<RunEntry>> queries;
};

/// Topics from a TSV file (`qid<TAB>query`, `#` comments and blank lines skipped) or a TREC topic
/// file (`<top> <num> Number: N <title> ...`), recognised by its first non-blank character `<`.
/// Throws InputError(path, "line N: ...") on a malformed line, a duplicate or an unreadable file.
std::vector<Topic> read_topics(const std::string& path);
std::vector<Topic> parse_topics(std::string_view content, const std::string& source);

/// TREC qrels (`qid iter docno grade`, integer grade). Duplicate (qid, docno) pairs are an error,
/// as in trec_eval.
Qrels read_qrels(const std::string& path);
Qrels parse_qrels(std::string_view content, const std::string& source);

/// TREC run (`qid Q0 docno rank score run_id`, further columns ignored). A docno retrieved twice
/// for one query is an error, as in trec_eval.
Run read_run(const std::string& path);
Run parse_run(std::string_view content, const std::string& source);

/// The ranking trec_eval evaluates: score descending, ties by docno descending (byte order).
std::vector<RunEntry> ranked(std::vector<RunEntry> entries);

/// Writes `run` in TREC format: per query (qids in byte order) the ranking of ranked(), ranks
/// from 1, and scores printed as single-precision values made strictly decreasing (a tie is
/// nudged down by one float ulp), so trec_eval 9 (float) and 10 (double) read the same order.
/// Throws std::invalid_argument on whitespace in an id or a docno listed twice for one query.
void write_run(std::ostream& out, const Run& run, std::string_view run_id);

/// The measures, in the order of the contract (and of our tables and JSON).
enum class Measure { map, ndcg_cut_10, p_10, recall_100, recip_rank };
inline constexpr std::array<Measure, 5> all_measures = {
    Measure::map, Measure::ndcg_cut_10, Measure::p_10, Measure::recall_100, Measure::recip_rank};
/// trec_eval's name: "map", "recip_rank", "P_10", "recall_100", "ndcg_cut_10".
std::string_view measure_name(Measure m);
/// The measure with that trec_eval name; nullopt for anything else.
std::optional<Measure> measure_from_name(std::string_view name);

struct Metrics {
    double map = 0.0;
    double ndcg_cut_10 = 0.0;
    double p_10 = 0.0;
    double recall_100 = 0.0;
    double recip_rank = 0.0;

    double get(Measure m) const;
    double& get(Measure m);
};

/// What to do with a query judged in the qrels but absent from the run.
enum class MissingQueries {
    skip,  // trec_eval 9 without -c: average over the queries in both files only
    zero,  // trec_eval -c: the query scores 0 on every measure and counts in the average
    fail,  // trec_eval 10 without -c: an error (it exits 4)
};

struct EvalOptions {
    MissingQueries missing = MissingQueries::skip;
};

/// Per-query values and their means. Queries in the run but not in the qrels are ignored; a qrels
/// query with no relevant document still counts (every measure 0), as in trec_eval.
struct Report {
    Metrics overall;                           // mean of the unrounded per-query values
    std::map<std::string, Metrics> per_query;  // qid (byte order, as trec_eval) -> values
};

/// The five measures of one ranked list (already in evaluation order) against one query's
/// judgments.
Metrics evaluate_query(const std::map<std::string, int>& judgments,
                       const std::vector<RunEntry>& ranking);

/// trec_eval over a whole run. Throws InputError naming the run file for a docno retrieved twice
/// by one query or a NaN score, and with MissingQueries::fail for the first judged query missing
/// from the run.
Report evaluate(const Qrels& qrels, const Run& run, const EvalOptions& options = {});

/// `{"metrics": {name: value}, "per_query": {qid: {name: value}}}` at full precision, so a saved
/// baseline compares exactly.
nlohmann::json to_json(const Report& report);
/// The inverse of to_json(); throws InputError(source, ...) when a key or a number is missing.
Report report_from_json(const nlohmann::json& j, const std::string& source);
/// A report saved with to_json().
Report read_report(const std::string& path);

/// A table for people: one row per query (unless `per_query` is false) then `all`, 4 decimals.
std::string format_text(const Report& report, bool per_query = true);
/// trec_eval -q output (`measure<TAB>qid<TAB>value`, per query then `all`), to diff against it.
std::string format_trec(const Report& report);

/// A query's change from the baseline. `before`/`after` is empty when the query is on one side
/// only; `delta` is after - before, a missing side counting as 0 (as trec_eval -c would).
struct QueryDelta {
    std::string qid;
    std::optional<Metrics> before;
    std::optional<Metrics> after;
    Metrics delta;
};

struct Comparison {
    Metrics before;  // baseline overall
    Metrics after;   // current overall
    Metrics delta;   // after - before
    double tolerance = 0.0;
    Measure order_by = Measure::ndcg_cut_10;
    std::vector<QueryDelta> queries;  // worst first: by delta of order_by, then map, then qid
    std::vector<Measure> dropped;     // overall measures with before - after > tolerance
    bool regressed() const { return !dropped.empty(); }
};

/// Compares the current report with a baseline (as saved by to_json). A drop is
/// `before - after > tolerance` on an overall measure (absolute, e.g. 0.01).
Comparison compare(const Report& baseline, const Report& current, double tolerance,
                   Measure order_by = Measure::ndcg_cut_10);
Comparison compare(const nlohmann::json& baseline, const Report& current, double tolerance,
                   Measure order_by = Measure::ndcg_cut_10);

/// The overall deltas, then every query whose values changed (worst first), then the verdict.
std::string format_comparison(const Comparison& c);
/// `{"tolerance", "regressed", "dropped": [names], "metrics": {name: {"before","after","delta"}},
///   "per_query": [{"qid", "before", "after", "delta"}...]}` (queries in the comparison's order).
nlohmann::json to_json(const Comparison& c);

/// Expected top-k ids per query: qid -> ids, best first.
using Snapshot = std::map<std::string, std::vector<std::string>>;

/// The first `k` docnos of each query of `run`, in evaluation order.
Snapshot make_snapshot(const Run& run, std::size_t k);

struct Move {
    std::string id;
    std::size_t from = 0;  // 1-based rank in the old snapshot
    std::size_t to = 0;    // 1-based rank in the new one
};

struct SnapshotDiff {
    std::string qid;
    std::vector<std::string> added;    // in the new list only, in new order
    std::vector<std::string> dropped;  // in the old list only, in old order
    std::vector<Move> moved;           // in both at different ranks, in new order
    bool changed() const { return !added.empty() || !dropped.empty() || !moved.empty(); }
};

/// One diff per query present in either snapshot (qid order), unchanged queries included so the
/// caller can count them; a query on one side only has all its ids added or dropped.
std::vector<SnapshotDiff> compare_snapshots(const Snapshot& old_snapshot,
                                            const Snapshot& new_snapshot);

/// A snapshot file is one JSON object: `{qid: [id, ...]}`.
nlohmann::json snapshot_to_json(const Snapshot& s);
/// Throws InputError(source, ...) unless `j` is an object of string arrays without repeats.
Snapshot snapshot_from_json(const nlohmann::json& j, const std::string& source);
Snapshot read_snapshot(const std::string& path);

/// Only the changed queries: `qid: +added -dropped ~id rank->rank`; "no changes" when none.
std::string format_snapshot_diff(const std::vector<SnapshotDiff>& diffs);
nlohmann::json to_json(const std::vector<SnapshotDiff>& diffs);

}  // namespace dossier::eval
