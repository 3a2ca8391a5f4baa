#include "dossier/output.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "dossier/errors.hpp"
#include "dossier/terminal.hpp"
#include "dossier/text.hpp"

namespace dossier {
namespace {

constexpr std::string_view bold_red = "\x1b[1;31m";
constexpr std::string_view dim = "\x1b[2m";
constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view reset = "\x1b[0m";

std::string display_name(const std::string& id, const ActorNames* names) {
    if (names) {
        if (auto it = names->find(id); it != names->end()) return it->second;
    }
    return id;
}

std::string speaker_display(const Hit& hit, const ActorNames* names) {
    if (!hit.speaker_name.empty()) return hit.speaker_name;
    return hit.speaker ? display_name(*hit.speaker, names) : std::string();
}

// `text` with whitespace folded to single spaces and the `highlights` marked (in colour only).
std::string marked_text(std::string_view text, const std::vector<ByteRange>& highlights,
                        bool color) {
    std::string out;
    std::size_t pos = 0;
    auto append_folded = [&](std::string_view part) {
        for (char c : part) {
            bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
            if (space) {
                if (!out.empty() && out.back() != ' ') out += ' ';
            } else {
                out += c;
            }
        }
    };
    for (const auto& [b, e] : highlights) {
        if (b < pos || e > text.size()) continue;
        append_folded(text.substr(pos, b - pos));
        if (color) out += bold_red;
        append_folded(text.substr(b, e - b));
        if (color) out += reset;
        pos = e;
    }
    append_folded(text.substr(std::min(pos, text.size())));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// One passage as lines: `label` starts the first line and, when wrapping, continuation lines
// are indented to its width (a hanging indent). Context passages are dimmed.
std::string passage_lines(std::string_view body, std::string_view label, bool dimmed,
                          const RenderOptions& o) {
    std::string text;
    if (dimmed && o.color) text += dim;
    text += body;
    if (dimmed && o.color) text += reset;
    if (!o.wrap) return std::string(label) + text + "\n";
    std::string rest(terminal::display_width(label), ' ');
    return terminal::wrap(text, o.width, label, rest) + "\n";
}

// "   ▶ ¶12  " for the hit, "     ¶11  " around it: numbers aligned within one hit's block.
std::string paragraph_label(std::string_view marker, int paragraph, std::size_t digits) {
    std::string number = std::to_string(paragraph);
    if (number.size() < digits) number += std::string(digits - number.size(), ' ');
    std::string pad(marker.empty() ? 4 : 3, ' ');
    return pad + std::string(marker.empty() ? "" : marker) + " ¶" + number + "  ";
}

std::string render_explanation(const Hit& hit, const Explanation& e) {
    std::string out = fmt::format(
        "     explain: score {:.4f} = {:.4f} from {} part{}; passage length {} (average {:.1f}) "
        "among {} passages\n",
        hit.score, e.sum, e.parts.size(), e.parts.size() == 1 ? "" : "s", e.length,
        e.average_length, e.passages);
    for (const ScorePart& p : e.parts) {
        std::string detail;
        if (p.is_term) {
            std::string word = p.word.empty() || p.word == p.label ? "" : "\"" + p.word + "\" ";
            detail = fmt::format("{}{}× in the passage, in {} passage{}", word, p.wdf, p.termfreq,
                                 p.termfreq == 1 ? "" : "s");
        }
        if (p.occurrences > 1) {
            detail += fmt::format("{}{}× in the query", detail.empty() ? "" : "; ", p.occurrences);
        }
        std::string line = fmt::format("       {:>9.4f}  {:<16} {}", p.weight, p.label, detail);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    const double residual = hit.score - e.sum;
    if (std::abs(residual) > 1e-6 * std::max(1.0, std::abs(hit.score))) {
        out += fmt::format("       {:>9.4f}  (evidence not split by term)\n", residual);
    }
    return out;
}

std::string render_hit_text(const Hit& hit, const RenderOptions& o) {
    std::string out;
    std::string title = hit.title.empty() ? hit.source : hit.title;
    std::string date = hit.date.value_or("undated");
    std::string header = fmt::format("{:>3}. {}  {}  ¶{}", hit.rank, date, title, hit.paragraph);
    out += o.color ? fmt::format("{}{}{}\n", bold, header, reset) : header + "\n";
    std::string meta = hit.title.empty() ? std::string("    ") : fmt::format("     {}", hit.source);
    if (!hit.actors.empty()) {
        meta += "  actors:";
        for (const auto& a : hit.actors) meta += " " + a;
    }
    if (hit.speaker) meta += fmt::format("  — {}", speaker_display(hit, o.actor_names));
    meta += fmt::format("  [{} {:.3f}]", hit.kind, hit.score);
    out += o.color ? fmt::format("{}{}{}\n", dim, meta, reset) : meta + "\n";

    const std::string body = marked_text(hit.text, hit.highlights, o.color);
    if (o.context == 0) {
        out += passage_lines(body, "     ", false, o);
    } else {
        // With context every passage carries its number and the hit is pointed at.
        int last = hit.after.empty() ? hit.paragraph : hit.after.back().paragraph;
        std::size_t digits = std::to_string(last).size();
        for (const auto& c : hit.before) {
            out += passage_lines(marked_text(c.text, {}, false),
                                 paragraph_label("", c.paragraph, digits), true, o);
        }
        out += passage_lines(body, paragraph_label("▶", hit.paragraph, digits), false, o);
        for (const auto& c : hit.after) {
            out += passage_lines(marked_text(c.text, {}, false),
                                 paragraph_label("", c.paragraph, digits), true, o);
        }
    }
    if (hit.explanation) out += render_explanation(hit, *hit.explanation);
    return out + "\n";
}

std::string render_facets_text(const FacetCounts& facets, const ActorNames* names) {
    std::string out;
    for (const auto& [facet, values] : facets) {
        std::vector<std::pair<std::string, Xapian::doccount>> rows(values.begin(), values.end());
        if (facet == "year" || facet == "month") {
            std::sort(rows.begin(), rows.end());
        } else {
            std::stable_sort(rows.begin(), rows.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
        }
        out += fmt::format("\n{}:\n", facet);
        for (const auto& [value, count] : rows) {
            std::string label = value;
            if (facet == "actor" || facet == "speaker") {
                std::string name = display_name(value, names);
                if (name != value) label += " (" + name + ")";
            }
            out += fmt::format("  {:>7}  {}\n", count, label);
        }
    }
    return out;
}

std::string render_text(const SearchResult& result, const RenderOptions& o) {
    std::string out;
    for (const Hit& hit : result.hits) {
        out += o.cite ? citation(hit, o.actor_names) + "\n" : render_hit_text(hit, o);
    }
    if (!result.facets.empty()) {
        FacetCounts shown = result.facets;
        if (!o.timeline.empty()) shown.erase(o.timeline);
        out += render_facets_text(shown, o.actor_names);
    }
    if (!o.timeline.empty()) {
        auto it = result.facets.find(o.timeline);
        out += fmt::format("\ntimeline by {} ({} matches):\n", o.timeline, result.total);
        if (it != result.facets.end()) out += render_timeline(it->second, o.width, o.color);
    }
    return out;
}

nlohmann::json facets_to_json(const FacetCounts& facets) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [facet, values] : facets) {
        j[facet] = nlohmann::json::object();
        for (const auto& [value, count] : values) j[facet][value] = count;
    }
    return j;
}

std::string render_csv(const SearchResult& result, const RenderOptions& o) {
    std::string out;
    if (!o.timeline.empty()) {
        if (o.csv_header) out += fmt::format("{},count\n", o.timeline);
        auto it = result.facets.find(o.timeline);
        if (it != result.facets.end()) {
            for (const auto& [period, count] : it->second)
                out += fmt::format("{},{}\n", period, count);
        }
        return out;
    }
    // Provenance in every row: where the passage is (source or URL, byte offsets), which corpus
    // build and query found it, and a citation to paste.
    if (o.csv_header) {
        out +=
            "rank,score,passage_id,article_id,date,title,source,url,paragraph,begin,end,kind,"
            "speaker,actors,text,query,build_id,query_id,citation\n";
    }
    for (const Hit& h : result.hits) {
        std::string actors;
        for (const auto& a : h.actors) actors += (actors.empty() ? "" : ";") + a;
        out += fmt::format("{},{:.6f},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", h.rank,
                           h.score, csv_field(h.passage_id), csv_field(h.article_id),
                           h.date.value_or(""), csv_field(h.title), csv_field(h.source),
                           csv_field(h.url), h.paragraph, h.begin, h.end, h.kind,
                           csv_field(h.speaker.value_or("")), csv_field(actors), csv_field(h.text),
                           csv_field(result.query), result.build_id, csv_field(o.query_id),
                           csv_field(citation(h, o.actor_names)));
    }
    return out;
}

std::string render_trec(const SearchResult& result, const RenderOptions& o) {
    std::string out;
    for (const Hit& h : result.hits) {
        out += fmt::format("{} Q0 {} {} {:.6f} {}\n", o.query_id, h.passage_id, h.rank, h.score,
                           o.run_id);
    }
    return out;
}

}  // namespace

OutputFormat parse_format(std::string_view name) {
    if (name == "text") return OutputFormat::text;
    if (name == "json") return OutputFormat::json;
    if (name == "jsonl") return OutputFormat::jsonl;
    if (name == "csv") return OutputFormat::csv;
    if (name == "trec") return OutputFormat::trec;
    throw UsageError(
        fmt::format("unknown format '{}'; valid formats: text, json, jsonl, csv, trec", name));
}

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string citation(const Hit& hit, const ActorNames* names) {
    std::string out;
    std::string who = hit.speaker ? speaker_display(hit, names) : hit.author;
    if (!who.empty()) out += who + ", ";
    out += fmt::format("\"{},\" {}", hit.title.empty() ? hit.source : hit.title,
                       hit.date.value_or("undated"));
    if (!hit.url.empty()) out += ", " + hit.url;
    out += fmt::format(" [{}]", hit.passage_id);
    return out;
}

std::string suggested_query(const SearchResult& result) {
    if (result.corrections.empty()) return {};
    return apply_corrections(result.query, result.corrections);
}

nlohmann::json hit_to_json(const Hit& hit, const SearchResult& result,
                           const RenderOptions& options) {
    nlohmann::json highlights = nlohmann::json::array();
    for (const auto& [b, e] : hit.highlights) highlights.push_back({b, e});
    nlohmann::json j = {
        {"rank", hit.rank},
        {"score", hit.score},
        {"passage_id", hit.passage_id},
        {"article_id", hit.article_id},
        {"date", hit.date ? nlohmann::json(*hit.date) : nlohmann::json()},
        {"title", hit.title},
        {"source", hit.source},
        {"url", hit.url.empty() ? nlohmann::json() : nlohmann::json(hit.url)},
        {"paragraph", hit.paragraph},
        {"heading", hit.heading},
        {"begin", hit.begin},
        {"end", hit.end},
        {"text", hit.text},
        {"highlights", highlights},
        {"actors", hit.actors},
        {"kind", hit.kind},
        {"speaker", hit.speaker ? nlohmann::json(*hit.speaker) : nlohmann::json()},
        {"query", result.query},
        {"query_id", options.query_id},
        {"build_id", result.build_id},
        {"citation", citation(hit, options.actor_names)},
    };
    if (options.context > 0) {
        auto passages = [](const std::vector<ContextPassage>& list) {
            nlohmann::json a = nlohmann::json::array();
            for (const auto& c : list) {
                a.push_back(
                    {{"passage_id", c.passage_id},
                     {"paragraph", c.paragraph},
                     {"kind", c.kind},
                     {"text", c.text},
                     {"speaker", c.speaker ? nlohmann::json(*c.speaker) : nlohmann::json()}});
            }
            return a;
        };
        j["context"] = {{"before", passages(hit.before)}, {"after", passages(hit.after)}};
    }
    if (hit.explanation) {
        const Explanation& e = *hit.explanation;
        nlohmann::json parts = nlohmann::json::array();
        for (const ScorePart& p : e.parts) {
            nlohmann::json part = {{"label", p.label},
                                   {"weight", p.weight},
                                   {"is_term", p.is_term},
                                   {"occurrences", p.occurrences}};
            if (p.is_term) {
                part["word"] = p.word.empty() ? nlohmann::json() : nlohmann::json(p.word);
                part["wdf"] = p.wdf;
                part["termfreq"] = p.termfreq;
            }
            parts.push_back(std::move(part));
        }
        j["explain"] = {{"score", hit.score},
                        {"sum", e.sum},
                        {"residual", hit.score - e.sum},
                        {"length", e.length},
                        {"average_length", e.average_length},
                        {"passages", e.passages},
                        {"parts", parts}};
    }
    return j;
}

namespace {
// Every period from the first to the last, so a gap in the corpus shows as an empty bar rather
// than disappearing. Periods are "YYYY" or "YYYY-MM".
std::map<std::string, Xapian::doccount> fill_gaps(
    const std::map<std::string, Xapian::doccount>& counts) {
    std::map<std::string, Xapian::doccount> out = counts;
    if (counts.size() < 2) return out;
    const std::string& first = counts.begin()->first;
    const std::string& last = counts.rbegin()->first;
    bool months = first.size() == 7;
    int y = std::atoi(first.substr(0, 4).c_str()),
        m = months ? std::atoi(first.substr(5).c_str()) : 0;
    for (int guard = 0; guard < 100000; ++guard) {
        std::string key = months ? fmt::format("{:04d}-{:02d}", y, m) : fmt::format("{:04d}", y);
        if (key > last) break;
        out.emplace(key, 0);
        if (months && ++m > 12) {
            m = 1;
            ++y;
        } else if (!months) {
            ++y;
        }
    }
    return out;
}
}  // namespace

std::string render_timeline(const std::map<std::string, Xapian::doccount>& sparse,
                            std::size_t width, bool color) {
    if (sparse.empty()) return "  (no dated matches)\n";
    const std::map<std::string, Xapian::doccount> counts = fill_gaps(sparse);
    std::size_t label_width = 0;
    Xapian::doccount max = 0;
    for (const auto& [period, count] : counts) {
        label_width = std::max(label_width, period.size());
        max = std::max(max, count);
    }
    std::size_t count_width = std::to_string(max).size();
    std::size_t bar_width =
        width > label_width + count_width + 6 ? width - label_width - count_width - 6 : 10;
    // Eighth blocks give the bars sub-character resolution.
    static const char* const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    std::string out;
    for (const auto& [period, count] : counts) {
        std::size_t units =
            max ? static_cast<std::size_t>(static_cast<double>(count) * bar_width * 8 / max + 0.5)
                : 0;
        if (count > 0 && units == 0) units = 1;
        std::string bar;
        for (std::size_t i = 0; i < units / 8; ++i) bar += "█";
        bar += eighths[units % 8];
        out += fmt::format("  {:>{}} {:>{}} {}{}{}\n", period, label_width, count, count_width,
                           color ? "\x1b[36m" : "", bar, color ? reset : "");
    }
    return out;
}

std::string render(const SearchResult& result, const RenderOptions& options) {
    switch (options.format) {
        case OutputFormat::text:
            return render_text(result, options);
        case OutputFormat::json: {
            nlohmann::json hits = nlohmann::json::array();
            for (const Hit& h : result.hits) hits.push_back(hit_to_json(h, result, options));
            nlohmann::json corrections = nlohmann::json::array();
            for (const auto& c : result.corrections) {
                corrections.push_back({{"word", c.word}, {"suggestion", c.suggestion}});
            }
            std::string suggestion = suggested_query(result);
            nlohmann::json j = {
                {"query", result.query},
                {"query_id", options.query_id},
                {"total", result.total},
                {"hits", hits},
                {"facets", facets_to_json(result.facets)},
                {"suggestion", suggestion.empty() ? nlohmann::json() : nlohmann::json(suggestion)},
                {"corrections", corrections}};
            if (result.fell_back_to_any) j["matched"] = "any";
            return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        }
        case OutputFormat::jsonl: {
            std::string out;
            for (const Hit& h : result.hits) {
                out += hit_to_json(h, result, options)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                out += '\n';
            }
            return out;
        }
        case OutputFormat::csv:
            return render_csv(result, options);
        case OutputFormat::trec:
            return render_trec(result, options);
    }
    return {};
}

std::string render_article(const std::vector<Hit>& passages, std::string_view marked,
                           const RenderOptions& o) {
    if (passages.empty()) return {};
    const Hit& first = passages.front();
    if (o.format != OutputFormat::text) {
        nlohmann::json list = nlohmann::json::array();
        for (const Hit& p : passages) {
            list.push_back(
                {{"passage_id", p.passage_id},
                 {"paragraph", p.paragraph},
                 {"kind", p.kind},
                 {"heading", p.heading},
                 {"begin", p.begin},
                 {"end", p.end},
                 {"text", p.text},
                 {"actors", p.actors},
                 {"speaker", p.speaker ? nlohmann::json(*p.speaker) : nlohmann::json()}});
        }
        nlohmann::json j = {
            {"article_id", first.article_id},
            {"title", first.title},
            {"date", first.date ? nlohmann::json(*first.date) : nlohmann::json()},
            {"source", first.source},
            {"url", first.url.empty() ? nlohmann::json() : nlohmann::json(first.url)},
            {"author", first.author.empty() ? nlohmann::json() : nlohmann::json(first.author)},
            {"marked", marked.empty() ? nlohmann::json() : nlohmann::json(marked)},
            {"passages", list}};
        return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }

    std::string out;
    std::string title = first.title.empty() ? first.source : first.title;
    out += o.color ? fmt::format("{}{}{}\n", bold, title, reset) : title + "\n";
    std::string meta = first.date.value_or("undated");
    for (const std::string* field : {&first.author, &first.source, &first.url}) {
        if (!field->empty()) meta += "  " + *field;
    }
    out += o.color ? fmt::format("{}{}{}\n\n", dim, meta, reset) : meta + "\n\n";
    const std::size_t digits = std::to_string(passages.back().paragraph).size();
    for (const Hit& p : passages) {
        const bool is_marked = p.passage_id == marked;
        std::string body = marked_text(p.text, {}, false);
        if (p.kind == "heading" || is_marked) {
            if (o.color) body = std::string(bold) + body + std::string(reset);
        }
        out += passage_lines(body, paragraph_label(is_marked ? "▶" : "", p.paragraph, digits),
                             false, o);
        if (p.kind == "heading") continue;
        out += "\n";
    }
    return out;
}

}  // namespace dossier
