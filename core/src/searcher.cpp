#include "dossier/searcher.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dossier/context.hpp"
#include "dossier/date.hpp"
#include "dossier/date_filter.hpp"
#include "dossier/errors.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/ranking.hpp"
#include "dossier/schema.hpp"
#include "dossier/text.hpp"

namespace dossier {
namespace {

// `date:2026-01-01..2026-01-31` and `year:1990..2000` filter by date (date_filter.hpp); partial
// dates cover their whole period.
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateRangeProcessor(const Xapian::Database& db, const std::string& prefix)
        : Xapian::RangeProcessor(schema::date_slot, prefix), m_db(db) {}

    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        try {
            std::string lo = begin.empty() ? std::string() : range_lower_key(begin);
            std::string hi = end.empty() ? std::string() : range_upper_key(end);
            return date_range_query(m_db, slot, lo, hi);
        } catch (const UsageError& e) {
            throw Xapian::QueryParserError(e.what());
        }
    }

  private:
    const Xapian::Database& m_db;
};

// `actor:Seoul` and `speaker:"the Pentagon"`: names resolve through the gazetteer to ids.
class ActorFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit ActorFieldProcessor(Searcher& searcher) : m_searcher(searcher) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            return Xapian::Query(schema::term(schema::actor, m_searcher.actor_id(value)));
        } catch (const UsageError& e) {
            throw Xapian::QueryParserError(e.what());
        }
    }

  private:
    Searcher& m_searcher;
};

class SpeakerFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit SpeakerFieldProcessor(Searcher& searcher) : m_searcher(searcher) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(
            schema::term(schema::speaker, speaker_key(value, m_searcher.gazetteer())));
    }

  private:
    Searcher& m_searcher;
};

// One database to open: a folder, or one line of a stub file, with a label for messages.
struct Shard {
    std::string label;
    std::string type;  // "auto" (a path), "remote-tcp", "remote-prog", "whole-stub"
    std::string where;
    std::string extra;  // port, or the program's arguments
};

// Stub files are expanded here rather than by Xapian, so that each shard is opened (and can
// fail) on its own, and an error names the shard instead of the stub.
void expand(const std::string& path, std::vector<Shard>& out, int depth) {
    std::error_code ec;
    // A sharded database folder holds the stub file that lists its shards.
    const std::filesystem::path folder_stub = std::filesystem::path(path) / "XAPIANDB";
    if (depth <= 8 && std::filesystem::is_directory(path, ec) &&
        std::filesystem::is_regular_file(folder_stub, ec)) {
        expand(folder_stub.string(), out, depth + 1);
        return;
    }
    if (depth > 8 || !std::filesystem::is_regular_file(path, ec)) {
        out.push_back({path, "auto", path, ""});
        return;
    }
    std::ifstream in(path);
    std::string line;
    const std::filesystem::path base = std::filesystem::path(path).parent_path();
    std::vector<Shard> lines;
    while (std::getline(in, line)) {
        std::string_view t = text::trim(line);
        if (t.empty() || t.front() == '#') continue;
        std::size_t space = t.find_first_of(" \t");
        std::string type(t.substr(0, space));
        std::string rest(space == std::string_view::npos ? "" : text::trim(t.substr(space)));
        if (type == "auto" || type == "glass" || type == "chert" || type == "honey") {
            std::filesystem::path p(rest);
            expand((p.is_absolute() ? p : base / p).string(), lines, depth + 1);
        } else if (type == "remote" && !rest.empty() && rest.front() == ':') {
            std::size_t arg = rest.find(' ');
            lines.push_back({"remote " + rest, "remote-prog", rest.substr(1, arg - 1),
                             arg == std::string::npos ? "" : rest.substr(arg + 1)});
        } else if (type == "remote" && rest.rfind(':') != std::string::npos) {
            std::size_t colon = rest.rfind(':');
            lines.push_back(
                {"remote " + rest, "remote-tcp", rest.substr(0, colon), rest.substr(colon + 1)});
        } else {
            // Anything else is Xapian's business: let it open the stub as a whole.
            out.push_back({path, "whole-stub", path, ""});
            return;
        }
    }
    out.insert(out.end(), lines.begin(), lines.end());
}

Xapian::Database open_shard(const Shard& shard) {
    if (shard.type == "remote-tcp") {
        return Xapian::Remote::open(shard.where, static_cast<unsigned>(std::stoul(shard.extra)));
    }
    if (shard.type == "remote-prog") return Xapian::Remote::open(shard.where, shard.extra);
    return Xapian::Database(shard.where);
}

// `all_local` ends false when a shard may be remote: a remote server runs only Xapian's own
// match spies (facets.hpp).
Xapian::Database open_databases(const std::vector<std::string>& paths, bool allow_partial,
                                std::vector<std::string>& warnings, bool& all_local) {
    std::vector<Shard> shards;
    for (const auto& path : paths) expand(path, shards, 0);
    Xapian::Database db;
    std::size_t opened = 0;
    for (const auto& shard : shards) {
        std::string problem;
        try {
            db.add_database(open_shard(shard));
            if (shard.type != "auto") all_local = false;  // remote, or a stub Xapian reads
            ++opened;
            continue;
        } catch (const Xapian::DatabaseOpeningError&) {
            problem = "no Dossier database here; build one with 'dossier-index build PATH --db " +
                      shard.where + "'";
        } catch (const Xapian::NetworkError& e) {
            problem = "does not answer (" + e.get_msg() + ")";
        } catch (const Xapian::Error& e) {
            problem = e.get_msg();
        } catch (const std::exception& e) {  // a malformed port number
            problem = e.what();
        }
        if (!allow_partial || shards.size() == 1) throw DatabaseError(shard.label, problem);
        warnings.push_back(shard.label + ": " + problem + "; searching the other shards");
    }
    if (opened == 0) throw DatabaseError(paths.front(), "no shard could be opened");
    return db;
}

std::string wildcard_patterns_of(const std::string& query, const Analyzer& analyzer,
                                 std::set<std::string>& terms) {
    // Xapian does not report what a wildcard expanded to, so highlight by prefix instead.
    for (const Token& t : analyzer.tokenize(query)) {
        if (t.end < query.size() && query[t.end] == '*') {
            terms.insert(text::ascii_lower(query.substr(t.begin, t.end - t.begin)) + "*");
        }
    }
    return {};
}

bool is_content_term(const std::string& term) {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

Hit make_hit(const Xapian::MSetIterator& it, const std::string& data,
             const std::set<std::string>& terms, const Analyzer& analyzer) {
    Hit hit = passage_from_data(data);
    hit.rank = it.get_rank() + 1;
    hit.score = it.get_weight();
    hit.highlights = highlight_ranges(hit.text, terms, analyzer);
    return hit;
}

// Rank, score and ids from value slots only: an evaluation run reads 1000 hits per query and
// needs nothing else.
Hit bare_hit(const Xapian::MSetIterator& it) {
    Hit hit;
    hit.rank = it.get_rank() + 1;
    hit.score = it.get_weight();
    Xapian::Document doc = it.get_document();
    hit.article_id = doc.get_value(schema::article_slot);
    const std::string order = doc.get_value(schema::passage_order_slot);  // "<article>#000012"
    const std::size_t hash = order.rfind('#');
    if (hash != std::string::npos) {
        hit.paragraph = std::atoi(order.c_str() + hash + 1);
        hit.passage_id = make_passage_id(hit.article_id, hit.paragraph);
    }
    return hit;
}

}  // namespace

std::string resolve_actor(std::string_view name, const Gazetteer* gazetteer) {
    std::string trimmed(text::trim(name));
    if (!gazetteer) return trimmed;
    if (const Actor* a = gazetteer->resolve(trimmed)) return a->id;
    std::string hint;
    for (const auto& id : gazetteer->close_matches(trimmed, 5))
        hint += (hint.empty() ? "" : ", ") + id;
    throw UsageError(fmt::format("unknown actor '{}'{}", trimmed,
                                 hint.empty() ? "" : "; did you mean: " + hint));
}

std::string speaker_key(std::string_view name, const Gazetteer* gazetteer) {
    std::string trimmed(text::trim(name));
    if (gazetteer) {
        if (const Actor* a = gazetteer->resolve(trimmed)) return text::ascii_lower(a->id);
    }
    return text::ascii_lower(trimmed);
}

Searcher::Searcher(const std::vector<std::string>& databases, bool allow_partial)
    : m_paths(databases), m_db(open_databases(databases, allow_partial, m_warnings, m_all_local)) {
    std::string description = m_db.get_metadata(std::string(schema::meta_analyzer));
    m_analyzer = std::make_unique<Analyzer>(
        description.empty() ? AnalyzerSettings{} : AnalyzerSettings::from_description(description));
}

const Gazetteer* Searcher::gazetteer() {
    if (!m_gazetteer_loaded) {
        m_gazetteer_loaded = true;
        std::string tsv = m_db.get_metadata(std::string(schema::meta_actors));
        if (!tsv.empty()) {
            m_gazetteer =
                Gazetteer::parse(tsv, "gazetteer stored in the database", Gazetteer::Use::lookup);
        }
    }
    return m_gazetteer ? &*m_gazetteer : nullptr;
}

const ActorNames* Searcher::actor_names() {
    if (!m_actor_names) {
        // dossier::, not the member: the free function reads the stored TSV.
        m_actor_names = dossier::actor_names(m_db.get_metadata(std::string(schema::meta_actors)));
    }
    return m_actor_names->empty() ? nullptr : &*m_actor_names;
}

std::string Searcher::actor_id(std::string_view name) {
    // An id as the index spells it needs no gazetteer: reading the stored one costs about 3 ms of
    // CPU per query, a term lookup microseconds. An id found in the index is an id of the stored
    // gazetteer, which the gazetteer would also return first.
    std::string trimmed(text::trim(name));
    if (!trimmed.empty() && m_db.term_exists(schema::term(schema::actor, trimmed))) return trimmed;
    return resolve_actor(trimmed, gazetteer());
}

Xapian::Query Searcher::parse(const SearchRequest& request, bool match_any) {
    Xapian::QueryParser qp = m_analyzer->make_query_parser();
    qp.set_database(m_db);
    qp.set_default_op(match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    qp.add_boolean_prefix("actor", (new ActorFieldProcessor(*this))->release());
    qp.add_boolean_prefix("speaker", (new SpeakerFieldProcessor(*this))->release());
    qp.add_boolean_prefix("kind", std::string(schema::kind));
    qp.add_boolean_prefix("article", std::string(schema::article));
    qp.add_prefix("title", std::string(schema::title));
    qp.add_rangeprocessor((new DateRangeProcessor(m_db, "date:"))->release());
    qp.add_rangeprocessor((new DateRangeProcessor(m_db, "year:"))->release());

    const unsigned flags = request.plain_text ? 0u
                                              : Xapian::QueryParser::FLAG_DEFAULT |
                                                    Xapian::QueryParser::FLAG_WILDCARD |
                                                    Xapian::QueryParser::FLAG_PURE_NOT;
    Xapian::Query query;
    try {
        query = qp.parse_query(request.query, flags);
    } catch (const Xapian::QueryParserError& e) {
        throw UsageError(fmt::format("cannot parse query '{}': {}", request.query, e.get_msg()));
    }

    std::vector<Xapian::Query> filters;
    if (!request.from.empty() || !request.to.empty()) {
        std::string lo = request.from.empty() ? "" : range_lower_key(request.from);
        std::string hi = request.to.empty() ? "" : range_upper_key(request.to);
        filters.push_back(date_range_query(m_db, schema::date_slot, lo, hi));
    }
    for (const auto& actor : request.actors) {
        filters.emplace_back(schema::term(schema::actor, actor_id(actor)));
    }
    if (!request.speaker.empty()) {
        filters.emplace_back(
            schema::term(schema::speaker, speaker_key(request.speaker, gazetteer())));
    }
    if (request.quotes_only) filters.emplace_back(schema::term(schema::kind, "quote"));
    if (filters.empty()) return query;

    Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
    if (query.empty()) return filter;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

SearchResult Searcher::search(const SearchRequest& request) {
    SearchResult result;
    result.query = request.query;
    const bool facets = !request.facets.empty();

    bool match_any = request.match_any;
    for (int attempt = 0; attempt < 3; ++attempt) {
        try {
            Xapian::Query query = parse(request, match_any);
            Xapian::Enquire enquire(m_db);
            const ranking::Options ranking_options = ranking::default_options(request.expand);
            ranking::configure(enquire, ranking_options);
            query = ranking::expand(m_db, query, ranking_options, match_any);
            enquire.set_query(query);
            if (request.per_article > 0) {
                enquire.set_collapse_key(schema::article_slot, request.per_article);
            }
            // Sorting by value slots, not a KeyMaker: Xapian's remote backend cannot run a
            // KeyMaker. Undated passages go last in both orders.
            // Equal scores are ordered by passage, not by document number, which differs between
            // one database and shards.
            enquire.set_sort_by_relevance_then_value(schema::passage_order_slot, false);
            if (request.sort == SortOrder::newest) {
                enquire.set_sort_by_value_then_relevance(schema::date_slot, true);
            } else if (request.sort == SortOrder::oldest) {
                enquire.set_sort_by_value_then_relevance(schema::oldest_first_slot, false);
            }
            Xapian::MSet mset = enquire.get_mset(request.offset, request.limit);

            if (mset.empty() && !match_any && request.offset == 0 &&
                mset.get_matches_estimated() == 0) {
                Xapian::Query any = parse(request, true);
                if (any.get_length() > 1 && any.serialise() != query.serialise()) {
                    match_any = true;
                    result.fell_back_to_any = true;
                    continue;
                }
            }

            // The query's own words, not each hit's matching terms: a word of a hit's text
            // whose term is in the query is a matching term, and asking Xapian per hit reads
            // the hit's termlist (a round trip each through xapian-tcpsrv).
            std::set<std::string> terms;
            wildcard_patterns_of(request.query, *m_analyzer, terms);
            for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
                if (is_content_term(*t)) terms.insert(*t);
            }
            result.total = mset.get_matches_estimated();
            result.hits.clear();
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                if (!request.hit_details) {
                    result.hits.push_back(bare_hit(it));
                    continue;
                }
                result.hits.push_back(
                    make_hit(it, it.get_document().get_data(), terms, *m_analyzer));
            }
            // Explaining reuses `enquire` (its query and weighting) before anything else does.
            if (request.explain) explain_hits(enquire, m_db, *m_analyzer, result.hits);
            if (request.context > 0) add_context(m_db, result.hits, request.context);
            if (request.spelling) {
                result.corrections = suggest_spelling(m_db, *m_analyzer, request.query);
            }
            if (facets) {
                // A pass of its own over every match, unweighted and unsorted: exact counts and
                // total, and spies never meet a sort (Xapian 1.4's remote backend miscounts
                // when they do).
                Xapian::Enquire counting(m_db);
                counting.set_query(query);
                counting.set_weighting_scheme(Xapian::BoolWeight());
                if (request.per_article > 0) {
                    counting.set_collapse_key(schema::article_slot, request.per_article);
                }
                FacetCollector collector(request.facets, request.facet_per_article);
                collector.attach(counting, m_all_local);
                Xapian::MSet all = counting.get_mset(0, 0, m_db.get_doccount());
                result.total = all.get_matches_estimated();
                result.facets = collector.counts();
            }
            result.build_id = m_db.get_metadata(std::string(schema::meta_build_id));
            return result;
        } catch (const Xapian::DatabaseModifiedError&) {
            // A rebuild committed while we read: reopen and run the query again.
            m_db.reopen();
        } catch (const Xapian::QueryParserError& e) {
            throw UsageError(
                fmt::format("cannot parse query '{}': {}", request.query, e.get_msg()));
        } catch (const Xapian::Error& e) {
            throw DatabaseError(m_paths.empty() ? std::string("database") : m_paths.front(),
                                e.get_msg());
        }
    }
    throw DatabaseError(m_paths.front(), "the database kept changing while being read; retry");
}

}  // namespace dossier
