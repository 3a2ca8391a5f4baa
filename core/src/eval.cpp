// trec_eval's measures and file formats; see eval.hpp. The conventions follow trec_eval 10.0
// (form_res_rels.c, m_*.c): ranking by score then docno descending, relevant = grade >= 1,
// nDCG gain = grade with discount log2(rank + 1) and an ideal list built from all judgments.
#include "dossier/eval.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "dossier/errors.hpp"

namespace dossier::eval {

namespace {

constexpr std::size_t p_cutoff = 10;
constexpr std::size_t ndcg_cutoff = 10;
constexpr std::size_t recall_cutoff = 100;

// A document counts as relevant from this grade up (trec_eval's default -l 1).
constexpr int relevance_level = 1;

// Unjudged documents get this grade: below every real grade, never relevant, no gain.
constexpr int unjudged = -1;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && is_space(line[i])) ++i;
        std::size_t start = i;
        while (i < line.size() && !is_space(line[i])) ++i;
        if (i > start) fields.push_back(line.substr(start, i - start));
    }
    return fields;
}

bool has_space(std::string_view s) {
    return std::any_of(s.begin(), s.end(), is_space);
}

std::string fold_whitespace(std::string_view s) {
    std::string out;
    bool pending_space = false;
    for (char c : s) {
        if (is_space(c)) {
            pending_space = !out.empty();
        } else {
            if (pending_space) out += ' ';
            pending_space = false;
            out += c;
        }
    }
    return out;
}

// Calls f(line_number, line) for every line, without its '\n' or '\r\n'.
template <typename F>
void for_each_line(std::string_view content, F&& f) {
    std::size_t number = 0;
    while (!content.empty()) {
        ++number;
        std::size_t end = content.find('\n');
        std::string_view line = content.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        f(number, line);
        if (end == std::string_view::npos) break;
        content.remove_prefix(end + 1);
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw InputError(path, "read error");
    return std::move(buffer).str();
}

std::string_view skip_bom(std::string_view content) {
    if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
    return content;
}

std::string at_line(std::size_t number, std::string_view reason) {
    return fmt::format("line {}: {}", number, reason);
}

// ---------------------------------------------------------------------------------------------
// Topics

std::vector<Topic> parse_tsv_topics(std::string_view content, const std::string& source) {
    std::vector<Topic> topics;
    std::set<std::string, std::less<>> seen;
    for_each_line(content, [&](std::size_t number, std::string_view line) {
        std::string_view trimmed = trim(line);
        if (trimmed.empty() || trimmed.front() == '#') return;
        std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) {
            throw InputError(source, at_line(number, "expected qid<TAB>query, found no tab"));
        }
        std::string_view qid = trim(line.substr(0, tab));
        std::string query = fold_whitespace(line.substr(tab + 1));
        if (qid.empty()) throw InputError(source, at_line(number, "empty query id"));
        if (has_space(qid)) {
            throw InputError(source,
                             at_line(number, fmt::format("query id '{}' has a space", qid)));
        }
        if (query.empty()) {
            throw InputError(source, at_line(number, fmt::format("query {} has no text", qid)));
        }
        if (!seen.emplace(qid).second) {
            throw InputError(source, at_line(number, fmt::format("query {} listed twice", qid)));
        }
        topics.push_back(Topic{std::string(qid), std::move(query), {}, {}});
    });
    return topics;
}

// 1-based line number of a byte offset, for error messages.
std::size_t line_of(std::string_view content, std::size_t offset) {
    std::string_view before = content.substr(0, offset);
    return 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
}

// Offset of the first non-space character at or after `pos`.
std::size_t first_text(std::string_view content, std::size_t pos) {
    while (pos < content.size() && is_space(content[pos])) ++pos;
    return pos;
}

// Drops a leading label such as "Number:" or "Description:" (case-insensitive).
std::string_view drop_label(std::string_view text, std::string_view label) {
    text = trim(text);
    if (text.size() < label.size()) return text;
    for (std::size_t i = 0; i < label.size(); ++i) {
        char a = text[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (a != label[i]) return text;
    }
    return trim(text.substr(label.size()));
}

// TREC topics: <top> blocks whose fields are "<tag> text" running to the next tag, closing tags
// (</title>) optional. Unknown tags (<con>, <fac>, <dom> in early TREC) are skipped.
std::vector<Topic> parse_trec_topics(std::string_view content, const std::string& source) {
    std::vector<Topic> topics;
    std::set<std::string, std::less<>> seen;
    std::size_t pos = 0;
    while (true) {
        std::size_t open = content.find("<top>", pos);
        if (open == std::string_view::npos) break;
        if (!trim(content.substr(pos, open - pos)).empty()) {
            throw InputError(source, at_line(line_of(content, first_text(content, pos)),
                                             "text outside <top> ... </top>"));
        }
        std::size_t close = content.find("</top>", open);
        if (close == std::string_view::npos) {
            throw InputError(source, at_line(line_of(content, open), "<top> without </top>"));
        }
        std::size_t body_start = open + 5;
        std::string_view body = content.substr(body_start, close - body_start);
        std::size_t block_line = line_of(content, open);

        Topic topic;
        bool has_num = false;
        bool has_title = false;
        std::size_t i = 0;
        while ((i = body.find('<', i)) != std::string_view::npos) {
            std::size_t tag_end = body.find('>', i);
            if (tag_end == std::string_view::npos) {
                throw InputError(source,
                                 at_line(line_of(content, body_start + i), "unterminated tag"));
            }
            std::string_view tag = body.substr(i + 1, tag_end - i - 1);
            std::size_t text_end = body.find('<', tag_end + 1);
            std::string_view text = body.substr(tag_end + 1, text_end == std::string_view::npos
                                                                 ? std::string_view::npos
                                                                 : text_end - tag_end - 1);
            if (tag == "num") {
                std::string_view id = drop_label(text, "number:");
                if (id.empty() || has_space(id)) {
                    throw InputError(source, at_line(line_of(content, body_start + i),
                                                     fmt::format("bad topic number '{}'",
                                                                 fold_whitespace(text))));
                }
                topic.id = std::string(id);
                has_num = true;
            } else if (tag == "title") {
                topic.query = fold_whitespace(drop_label(text, "topic:"));
                has_title = true;
            } else if (tag == "desc") {
                topic.description = fold_whitespace(drop_label(text, "description:"));
            } else if (tag == "narr") {
                topic.narrative = fold_whitespace(drop_label(text, "narrative:"));
            }
            i = tag_end + 1;
        }
        if (!has_num) throw InputError(source, at_line(block_line, "topic without <num>"));
        if (!has_title || topic.query.empty()) {
            throw InputError(source,
                             at_line(block_line, fmt::format("topic {} has no <title>", topic.id)));
        }
        if (!seen.emplace(topic.id).second) {
            throw InputError(source,
                             at_line(block_line, fmt::format("topic {} listed twice", topic.id)));
        }
        topics.push_back(std::move(topic));
        pos = close + 6;
    }
    if (!trim(content.substr(pos)).empty()) {
        throw InputError(source, at_line(line_of(content, first_text(content, pos)),
                                         "text outside <top> ... </top>"));
    }
    return topics;
}

// ---------------------------------------------------------------------------------------------
// Measures

double mean_or_zero(double sum, std::size_t n) {
    return n == 0 ? 0.0 : sum / static_cast<double>(n);
}

// A docno listed twice for one query, if any (trec_eval refuses such a run).
std::optional<std::string> duplicate_docno(const std::vector<RunEntry>& entries) {
    std::vector<std::string_view> docnos;
    docnos.reserve(entries.size());
    for (const auto& e : entries) docnos.push_back(e.docno);
    std::sort(docnos.begin(), docnos.end());
    auto dup = std::adjacent_find(docnos.begin(), docnos.end());
    if (dup == docnos.end()) return std::nullopt;
    return std::string(*dup);
}

template <typename M>
auto& field(M& m, Measure measure) {
    switch (measure) {
        case Measure::map:
            return m.map;
        case Measure::ndcg_cut_10:
            return m.ndcg_cut_10;
        case Measure::p_10:
            return m.p_10;
        case Measure::recall_100:
            return m.recall_100;
        case Measure::recip_rank:
            return m.recip_rank;
    }
    throw std::invalid_argument("unknown measure");
}

std::string format_delta(double v) {
    // "-0.0000" for a drop too small to print still reads as a drop; show exact zero as "0".
    if (v == 0.0) return "0";
    return fmt::format("{:+.4f}", v);
}

}  // namespace

// -------------------------------------------------------------------------------------------------
// Reading

std::vector<Topic> parse_topics(std::string_view content, const std::string& source) {
    content = skip_bom(content);
    std::string_view head = trim(content);
    if (!head.empty() && head.front() == '<') return parse_trec_topics(content, source);
    return parse_tsv_topics(content, source);
}

std::vector<Topic> read_topics(const std::string& path) {
    return parse_topics(read_file(path), path);
}

Qrels parse_qrels(std::string_view content, const std::string& source) {
    Qrels qrels;
    qrels.source = source;
    for_each_line(skip_bom(content), [&](std::size_t number, std::string_view line) {
        std::string_view trimmed = trim(line);
        if (trimmed.empty() || trimmed.front() == '#') return;
        auto fields = split_fields(line);
        if (fields.size() != 4) {
            throw InputError(source,
                             at_line(number, fmt::format("expected 4 fields (qid iter docno "
                                                         "grade), found {}",
                                                         fields.size())));
        }
        int grade = 0;
        std::string_view g = fields[3];
        if (!g.empty() && g.front() == '+') g.remove_prefix(1);
        auto [end, ec] = std::from_chars(g.data(), g.data() + g.size(), grade);
        if (ec != std::errc() || end != g.data() + g.size()) {
            throw InputError(
                source, at_line(number, fmt::format("grade '{}' is not an integer", fields[3])));
        }
        auto& judged = qrels.judgments[std::string(fields[0])];
        if (!judged.emplace(std::string(fields[2]), grade).second) {
            throw InputError(source, at_line(number, fmt::format("document {} judged twice for "
                                                                 "query {}",
                                                                 fields[2], fields[0])));
        }
    });
    return qrels;
}

Qrels read_qrels(const std::string& path) {
    return parse_qrels(read_file(path), path);
}

Run parse_run(std::string_view content, const std::string& source) {
    Run run;
    run.source = source;
    std::map<std::string, std::unordered_set<std::string>, std::less<>> seen;
    for_each_line(skip_bom(content), [&](std::size_t number, std::string_view line) {
        std::string_view trimmed = trim(line);
        if (trimmed.empty() || trimmed.front() == '#') return;
        auto fields = split_fields(line);
        if (fields.size() < 6) {
            throw InputError(source,
                             at_line(number, fmt::format("expected 6 fields (qid Q0 docno rank "
                                                         "score run_id), found {}",
                                                         fields.size())));
        }
        double score = 0.0;
        std::string_view s = fields[4];
        if (!s.empty() && s.front() == '+') s.remove_prefix(1);
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), score);
        if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(score)) {
            throw InputError(source,
                             at_line(number, fmt::format("score '{}' is not a number", fields[4])));
        }
        std::string qid(fields[0]);
        std::string docno(fields[2]);
        if (!seen[qid].insert(docno).second) {
            throw InputError(source, at_line(number, fmt::format("document {} retrieved twice "
                                                                 "for query {}",
                                                                 docno, qid)));
        }
        run.queries[qid].push_back(RunEntry{std::move(docno), score});
        run.run_id = std::string(fields[5]);
    });
    return run;
}

Run read_run(const std::string& path) {
    return parse_run(read_file(path), path);
}

// -------------------------------------------------------------------------------------------------
// Ranking and writing

std::vector<RunEntry> ranked(std::vector<RunEntry> entries) {
    // trec_eval's comp_sim_docno: higher score first, then strcmp(b, a) — docno descending.
    // std::string compares bytes as unsigned char, like strcmp.
    std::sort(entries.begin(), entries.end(), [](const RunEntry& a, const RunEntry& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.docno > b.docno;
    });
    return entries;
}

void write_run(std::ostream& out, const Run& run, std::string_view run_id) {
    if (run_id.empty() || has_space(run_id)) {
        throw std::invalid_argument(fmt::format("run id '{}' is empty or has a space", run_id));
    }
    for (const auto& [qid, entries] : run.queries) {
        if (qid.empty() || has_space(qid)) {
            throw std::invalid_argument(fmt::format("query id '{}' is empty or has a space", qid));
        }
        for (const auto& e : entries) {
            if (e.docno.empty() || has_space(e.docno)) {
                throw std::invalid_argument(
                    fmt::format("query {}: docno '{}' is empty or has a space", qid, e.docno));
            }
            if (std::isnan(e.score)) {
                throw std::invalid_argument(
                    fmt::format("query {}: docno {} has a NaN score", qid, e.docno));
            }
        }
        if (auto dup = duplicate_docno(entries)) {
            throw std::invalid_argument(fmt::format("query {}: docno {} listed twice", qid, *dup));
        }
        std::size_t rank = 0;
        float previous = 0.0f;
        for (const auto& e : ranked(entries)) {
            // Clamp first: converting a double beyond the float range is undefined behaviour.
            constexpr double float_max = std::numeric_limits<float>::max();
            float score = static_cast<float>(std::clamp(e.score, -float_max, float_max));
            // Equal (or, after rounding to float, inverted) scores would let the reader re-sort
            // the tie its own way; one ulp down keeps our order and changes no real difference.
            if (rank > 0 && !(score < previous)) {
                score = std::nextafter(previous, -std::numeric_limits<float>::infinity());
            }
            previous = score;
            ++rank;
            // {} prints the shortest text that reads back as the same float.
            out << fmt::format("{} Q0 {} {} {} {}\n", qid, e.docno, rank, score, run_id);
        }
    }
}

// -------------------------------------------------------------------------------------------------
// Measures

std::string_view measure_name(Measure m) {
    switch (m) {
        case Measure::map:
            return "map";
        case Measure::ndcg_cut_10:
            return "ndcg_cut_10";
        case Measure::p_10:
            return "P_10";
        case Measure::recall_100:
            return "recall_100";
        case Measure::recip_rank:
            return "recip_rank";
    }
    return "?";
}

std::optional<Measure> measure_from_name(std::string_view name) {
    for (Measure m : all_measures) {
        if (measure_name(m) == name) return m;
    }
    return std::nullopt;
}

double Metrics::get(Measure m) const {
    return field(*this, m);
}

double& Metrics::get(Measure m) {
    return field(*this, m);
}

Metrics evaluate_query(const std::map<std::string, int>& judgments,
                       const std::vector<RunEntry>& ranking) {
    std::size_t num_rel = 0;
    std::vector<int> ideal;  // grades that carry gain, best first
    for (const auto& [docno, grade] : judgments) {
        if (grade >= relevance_level) ++num_rel;
        if (grade > 0) ideal.push_back(grade);
    }
    std::sort(ideal.begin(), ideal.end(), std::greater<>());

    Metrics m;
    std::size_t rel_so_far = 0;
    double precision_sum = 0.0;
    double dcg = 0.0;
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        auto it = judgments.find(ranking[i].docno);
        // A negative grade is "in the pool but unjudged" for trec_eval: no gain, not relevant.
        int grade = it == judgments.end() ? unjudged : it->second;
        double rank = static_cast<double>(i + 1);
        if (i < ndcg_cutoff && grade > 0) dcg += grade / std::log2(rank + 1.0);
        if (grade < relevance_level) continue;
        ++rel_so_far;
        precision_sum += static_cast<double>(rel_so_far) / rank;
        if (rel_so_far == 1) m.recip_rank = 1.0 / rank;
        if (i < p_cutoff) m.p_10 += 1.0;
        if (i < recall_cutoff) m.recall_100 += 1.0;
    }
    // P_10 divides by the cutoff even when fewer documents were retrieved.
    m.p_10 /= static_cast<double>(p_cutoff);
    if (num_rel > 0) {
        m.map = precision_sum / static_cast<double>(num_rel);
        m.recall_100 /= static_cast<double>(num_rel);
    } else {
        m.recall_100 = 0.0;
    }
    double idcg = 0.0;
    for (std::size_t i = 0; i < ideal.size() && i < ndcg_cutoff; ++i) {
        idcg += ideal[i] / std::log2(static_cast<double>(i + 2));
    }
    m.ndcg_cut_10 = idcg > 0.0 ? dcg / idcg : 0.0;
    return m;
}

Report evaluate(const Qrels& qrels, const Run& run, const EvalOptions& options) {
    const std::string run_name = run.source.empty() ? "run" : run.source;
    Report report;
    for (const auto& [qid, judgments] : qrels.judgments) {
        auto it = run.queries.find(qid);
        if (it == run.queries.end()) {
            if (options.missing == MissingQueries::zero) {
                report.per_query.emplace(qid, Metrics{});
            } else if (options.missing == MissingQueries::fail) {
                throw InputError(
                    run_name, fmt::format("query {} is judged in {} but absent from "
                                          "the run (count it as 0 with -c)",
                                          qid, qrels.source.empty() ? "the qrels" : qrels.source));
            }
            continue;
        }
        if (auto dup = duplicate_docno(it->second)) {
            throw InputError(run_name, fmt::format("query {} retrieves {} twice", qid, *dup));
        }
        for (const auto& e : it->second) {
            // A NaN would break the ordering ranked() sorts by; parse_run never makes one.
            if (std::isnan(e.score)) {
                throw InputError(
                    run_name, fmt::format("query {}: document {} has a NaN score", qid, e.docno));
            }
        }
        report.per_query.emplace(qid, evaluate_query(judgments, ranked(it->second)));
    }
    // trec_eval sums the per-query values in qid order, then divides once.
    for (Measure measure : all_measures) {
        double sum = 0.0;
        for (const auto& [qid, m] : report.per_query) sum += m.get(measure);
        report.overall.get(measure) = mean_or_zero(sum, report.per_query.size());
    }
    return report;
}

// -------------------------------------------------------------------------------------------------
// Reports

namespace {

nlohmann::json metrics_json(const Metrics& m) {
    nlohmann::json j = nlohmann::json::object();
    for (Measure measure : all_measures) j[std::string(measure_name(measure))] = m.get(measure);
    return j;
}

Metrics metrics_from_json(const nlohmann::json& j, const std::string& source,
                          const std::string& where) {
    if (!j.is_object()) throw InputError(source, fmt::format("{}: expected an object", where));
    Metrics m;
    for (Measure measure : all_measures) {
        auto it = j.find(std::string(measure_name(measure)));
        if (it == j.end() || !it->is_number()) {
            throw InputError(
                source, fmt::format("{}: missing number \"{}\"", where, measure_name(measure)));
        }
        m.get(measure) = it->get<double>();
    }
    return m;
}

nlohmann::json parse_json_file(const std::string& path) {
    std::string content = read_file(path);
    try {
        return nlohmann::json::parse(content);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(path, fmt::format("invalid JSON: {}", e.what()));
    }
}

}  // namespace

nlohmann::json to_json(const Report& report) {
    nlohmann::json per_query = nlohmann::json::object();
    for (const auto& [qid, m] : report.per_query) per_query[qid] = metrics_json(m);
    return {{"metrics", metrics_json(report.overall)}, {"per_query", std::move(per_query)}};
}

Report report_from_json(const nlohmann::json& j, const std::string& source) {
    if (!j.is_object()) throw InputError(source, "expected a JSON object");
    auto metrics = j.find("metrics");
    if (metrics == j.end()) throw InputError(source, "missing \"metrics\"");
    Report report;
    report.overall = metrics_from_json(*metrics, source, "metrics");
    auto per_query = j.find("per_query");
    if (per_query == j.end() || !per_query->is_object()) {
        throw InputError(source, "missing object \"per_query\"");
    }
    for (const auto& [qid, values] : per_query->items()) {
        report.per_query.emplace(qid, metrics_from_json(values, source, "per_query." + qid));
    }
    return report;
}

Report read_report(const std::string& path) {
    return report_from_json(parse_json_file(path), path);
}

std::string format_text(const Report& report, bool per_query) {
    std::size_t qid_width = 3;  // "all"
    if (per_query) {
        for (const auto& [qid, m] : report.per_query) qid_width = std::max(qid_width, qid.size());
    }
    std::string out = fmt::format("{:<{}}", "qid", qid_width);
    for (Measure measure : all_measures) out += fmt::format("  {:>11}", measure_name(measure));
    out += '\n';
    auto row = [&](std::string_view qid, const Metrics& m) {
        out += fmt::format("{:<{}}", qid, qid_width);
        for (Measure measure : all_measures) out += fmt::format("  {:>11.4f}", m.get(measure));
        out += '\n';
    };
    if (per_query) {
        for (const auto& [qid, m] : report.per_query) row(qid, m);
    }
    row("all", report.overall);
    out += fmt::format("{} queries\n", report.per_query.size());
    return out;
}

std::string format_trec(const Report& report) {
    // trec_eval's own print order for these measures, and its "%-22s\t%s\t%6.4f" lines.
    constexpr std::array<Measure, 5> trec_order = {Measure::map, Measure::recip_rank, Measure::p_10,
                                                   Measure::recall_100, Measure::ndcg_cut_10};
    std::string out;
    auto lines = [&](std::string_view qid, const Metrics& m) {
        for (Measure measure : trec_order) {
            out += fmt::format("{:<22}\t{}\t{:6.4f}\n", measure_name(measure), qid, m.get(measure));
        }
    };
    for (const auto& [qid, m] : report.per_query) lines(qid, m);
    lines("all", report.overall);
    return out;
}

// -------------------------------------------------------------------------------------------------
// Baseline comparison

Comparison compare(const Report& baseline, const Report& current, double tolerance,
                   Measure order_by) {
    Comparison c;
    c.before = baseline.overall;
    c.after = current.overall;
    c.tolerance = tolerance;
    c.order_by = order_by;
    for (Measure measure : all_measures) {
        c.delta.get(measure) = c.after.get(measure) - c.before.get(measure);
        if (c.before.get(measure) - c.after.get(measure) > tolerance) c.dropped.push_back(measure);
    }
    std::set<std::string> qids;
    for (const auto& [qid, m] : baseline.per_query) qids.insert(qid);
    for (const auto& [qid, m] : current.per_query) qids.insert(qid);
    for (const auto& qid : qids) {
        QueryDelta d;
        d.qid = qid;
        if (auto it = baseline.per_query.find(qid); it != baseline.per_query.end()) {
            d.before = it->second;
        }
        if (auto it = current.per_query.find(qid); it != current.per_query.end()) {
            d.after = it->second;
        }
        Metrics before = d.before.value_or(Metrics{});
        Metrics after = d.after.value_or(Metrics{});
        for (Measure measure : all_measures) {
            d.delta.get(measure) = after.get(measure) - before.get(measure);
        }
        c.queries.push_back(std::move(d));
    }
    std::stable_sort(c.queries.begin(), c.queries.end(),
                     [order_by](const QueryDelta& a, const QueryDelta& b) {
                         double da = a.delta.get(order_by);
                         double db = b.delta.get(order_by);
                         if (da != db) return da < db;
                         return a.delta.map < b.delta.map;
                     });
    return c;
}

Comparison compare(const nlohmann::json& baseline, const Report& current, double tolerance,
                   Measure order_by) {
    return compare(report_from_json(baseline, "baseline"), current, tolerance, order_by);
}

std::string format_comparison(const Comparison& c) {
    std::string out =
        fmt::format("{:<11}  {:>8}  {:>8}  {:>8}\n", "measure", "baseline", "current", "delta");
    for (Measure measure : all_measures) {
        bool dropped = std::find(c.dropped.begin(), c.dropped.end(), measure) != c.dropped.end();
        out += fmt::format("{:<11}  {:>8.4f}  {:>8.4f}  {:>8}{}\n", measure_name(measure),
                           c.before.get(measure), c.after.get(measure),
                           format_delta(c.delta.get(measure)), dropped ? "  DROP" : "");
    }

    std::vector<const QueryDelta*> changed;
    std::size_t qid_width = 3;
    for (const auto& q : c.queries) {
        bool differs = !q.before || !q.after;
        for (Measure measure : all_measures) differs = differs || q.delta.get(measure) != 0.0;
        if (!differs) continue;
        changed.push_back(&q);
        qid_width = std::max(qid_width, q.qid.size());
    }
    out += fmt::format("\n{} of {} queries changed (worst {} first)\n", changed.size(),
                       c.queries.size(), measure_name(c.order_by));
    if (!changed.empty()) {
        out += fmt::format("{:<{}}", "qid", qid_width);
        for (Measure measure : all_measures) out += fmt::format("  {:>11}", measure_name(measure));
        out += '\n';
        for (const QueryDelta* q : changed) {
            out += fmt::format("{:<{}}", q->qid, qid_width);
            for (Measure measure : all_measures) {
                out += fmt::format("  {:>11}", format_delta(q->delta.get(measure)));
            }
            if (!q->before) out += "  (new query)";
            if (!q->after) out += "  (missing from current run)";
            out += '\n';
        }
    }

    if (c.regressed()) {
        std::string names;
        for (Measure measure : c.dropped) {
            if (!names.empty()) names += ", ";
            names += measure_name(measure);
        }
        out += fmt::format("\nREGRESSION: {} dropped by more than {}\n", names, c.tolerance);
    } else {
        out += fmt::format("\nOK: no measure dropped by more than {}\n", c.tolerance);
    }
    return out;
}

nlohmann::json to_json(const Comparison& c) {
    nlohmann::json metrics = nlohmann::json::object();
    for (Measure measure : all_measures) {
        metrics[std::string(measure_name(measure))] = {{"before", c.before.get(measure)},
                                                       {"after", c.after.get(measure)},
                                                       {"delta", c.delta.get(measure)}};
    }
    nlohmann::json dropped = nlohmann::json::array();
    for (Measure measure : c.dropped) dropped.push_back(std::string(measure_name(measure)));
    nlohmann::json queries = nlohmann::json::array();
    for (const auto& q : c.queries) {
        queries.push_back({{"qid", q.qid},
                           {"before", q.before ? metrics_json(*q.before) : nlohmann::json()},
                           {"after", q.after ? metrics_json(*q.after) : nlohmann::json()},
                           {"delta", metrics_json(q.delta)}});
    }
    nlohmann::json j = nlohmann::json::object();
    j["tolerance"] = c.tolerance;
    j["order_by"] = std::string(measure_name(c.order_by));
    j["regressed"] = c.regressed();
    j["dropped"] = std::move(dropped);
    j["metrics"] = std::move(metrics);
    j["per_query"] = std::move(queries);
    return j;
}

// -------------------------------------------------------------------------------------------------
// Snapshots

Snapshot make_snapshot(const Run& run, std::size_t k) {
    Snapshot s;
    for (const auto& [qid, entries] : run.queries) {
        auto& ids = s[qid];
        for (const auto& e : ranked(entries)) {
            if (ids.size() == k) break;
            ids.push_back(e.docno);
        }
    }
    return s;
}

std::vector<SnapshotDiff> compare_snapshots(const Snapshot& old_snapshot,
                                            const Snapshot& new_snapshot) {
    static const std::vector<std::string> none;
    std::set<std::string> qids;
    for (const auto& [qid, ids] : old_snapshot) qids.insert(qid);
    for (const auto& [qid, ids] : new_snapshot) qids.insert(qid);

    std::vector<SnapshotDiff> diffs;
    for (const auto& qid : qids) {
        auto o = old_snapshot.find(qid);
        auto n = new_snapshot.find(qid);
        const auto& old_ids = o == old_snapshot.end() ? none : o->second;
        const auto& new_ids = n == new_snapshot.end() ? none : n->second;
        std::map<std::string_view, std::size_t> old_rank;
        for (std::size_t i = 0; i < old_ids.size(); ++i) old_rank.emplace(old_ids[i], i + 1);
        std::map<std::string_view, std::size_t> new_rank;
        for (std::size_t i = 0; i < new_ids.size(); ++i) new_rank.emplace(new_ids[i], i + 1);

        SnapshotDiff d;
        d.qid = qid;
        for (std::size_t i = 0; i < new_ids.size(); ++i) {
            auto it = old_rank.find(new_ids[i]);
            if (it == old_rank.end()) {
                d.added.push_back(new_ids[i]);
            } else if (it->second != i + 1) {
                d.moved.push_back(Move{new_ids[i], it->second, i + 1});
            }
        }
        for (const auto& id : old_ids) {
            if (!new_rank.count(id)) d.dropped.push_back(id);
        }
        diffs.push_back(std::move(d));
    }
    return diffs;
}

nlohmann::json snapshot_to_json(const Snapshot& s) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [qid, ids] : s) j[qid] = ids;
    return j;
}

Snapshot snapshot_from_json(const nlohmann::json& j, const std::string& source) {
    if (!j.is_object()) throw InputError(source, "expected a JSON object {qid: [id, ...]}");
    Snapshot s;
    for (const auto& [qid, ids] : j.items()) {
        if (!ids.is_array()) {
            throw InputError(source, fmt::format("query {}: expected an array of ids", qid));
        }
        std::set<std::string> seen;
        auto& list = s[qid];
        for (const auto& id : ids) {
            if (!id.is_string()) {
                throw InputError(source, fmt::format("query {}: ids must be strings", qid));
            }
            if (!seen.insert(id.get<std::string>()).second) {
                throw InputError(source, fmt::format("query {}: id {} listed twice", qid,
                                                     id.get<std::string>()));
            }
            list.push_back(id.get<std::string>());
        }
    }
    return s;
}

Snapshot read_snapshot(const std::string& path) {
    return snapshot_from_json(parse_json_file(path), path);
}

std::string format_snapshot_diff(const std::vector<SnapshotDiff>& diffs) {
    std::string out;
    std::size_t changed = 0;
    for (const auto& d : diffs) {
        if (!d.changed()) continue;
        ++changed;
        out += fmt::format("{}:", d.qid);
        for (const auto& id : d.added) out += fmt::format(" +{}", id);
        for (const auto& id : d.dropped) out += fmt::format(" -{}", id);
        for (const auto& m : d.moved) out += fmt::format(" ~{} {}->{}", m.id, m.from, m.to);
        out += '\n';
    }
    if (changed == 0) return fmt::format("no changes ({} queries)\n", diffs.size());
    out += fmt::format("{} of {} queries changed\n", changed, diffs.size());
    return out;
}

nlohmann::json to_json(const std::vector<SnapshotDiff>& diffs) {
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& d : diffs) {
        if (!d.changed()) continue;
        nlohmann::json moved = nlohmann::json::array();
        for (const auto& m : d.moved)
            moved.push_back({{"id", m.id}, {"from", m.from}, {"to", m.to}});
        changed.push_back(
            {{"qid", d.qid}, {"added", d.added}, {"dropped", d.dropped}, {"moved", moved}});
    }
    return {{"queries", diffs.size()}, {"changed", changed.size()}, {"diffs", std::move(changed)}};
}

}  // namespace dossier::eval
