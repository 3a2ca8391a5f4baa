#include "dossier/explain.hpp"

#include <algorithm>
#include <map>

#include "dossier/analyzer.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/searcher.hpp"
#include "dossier/text.hpp"

namespace dossier {
namespace {

// A part of the query whose weight Xapian adds to the score on its own.
struct Unit {
    Xapian::Query query;
    std::string label;
    bool is_term = false;
};

// "Query((korea@1 SYNONYM koreas@1))" -> "(korea SYNONYM koreas)": positions are noise here.
std::string readable(const Xapian::Query& q) {
    std::string d = q.get_description();
    if (d.rfind("Query(", 0) == 0 && d.size() > 7) d = d.substr(6, d.size() - 7);
    std::string out;
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (d[i] == '@' && i + 1 < d.size() && d[i + 1] >= '0' && d[i + 1] <= '9') {
            while (i + 1 < d.size() && d[i + 1] >= '0' && d[i + 1] <= '9') ++i;
            continue;
        }
        out += d[i];
    }
    return out;
}

// Walks down the operators whose weight is the sum of their subqueries' weights (AND, OR,
// AND_MAYBE, XOR, PHRASE, NEAR; the left side of FILTER and AND_NOT) to the parts that are
// weighed on their own. Parts without weight (value ranges, match-all) are left out.
void collect_units(const Xapian::Query& q, std::vector<Unit>& units) {
    using Q = Xapian::Query;
    switch (q.get_type()) {
        case Q::LEAF_TERM:
            units.push_back({q, *q.get_terms_begin(), true});
            return;
        case Q::LEAF_MATCH_ALL:
        case Q::LEAF_MATCH_NOTHING:
        case Q::OP_VALUE_RANGE:
        case Q::OP_VALUE_GE:
        case Q::OP_VALUE_LE:
            return;
        case Q::OP_AND:
        case Q::OP_OR:
        case Q::OP_XOR:
        case Q::OP_AND_MAYBE:
        case Q::OP_PHRASE:
        case Q::OP_NEAR:
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
                collect_units(q.get_subquery(i), units);
            }
            return;
        case Q::OP_FILTER:
        case Q::OP_AND_NOT:
            if (q.get_num_subqueries() > 0) collect_units(q.get_subquery(0), units);
            return;
        default:  // SYNONYM, WILDCARD, SCALE_WEIGHT, ELITE_SET, MAX: weighed as a whole
            units.push_back({q, readable(q), false});
            return;
    }
}

Xapian::docid docid_of(const Xapian::Database& db, const std::string& passage_id) {
    Xapian::PostingIterator it = db.postlist_begin(passage_id_term(passage_id));
    return it == db.postlist_end(passage_id_term(passage_id)) ? 0 : *it;
}

}  // namespace

void explain_hits(Xapian::Enquire& enquire, const Xapian::Database& db, const Analyzer& analyzer,
                  std::vector<Hit>& hits) {
    if (hits.empty()) return;
    const Xapian::Query original = enquire.get_query();
    std::vector<Unit> units;
    collect_units(original, units);

    std::vector<Xapian::docid> docids;
    std::vector<Xapian::Query> id_terms;
    std::map<Xapian::docid, std::size_t> hit_of;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        Xapian::docid id = docid_of(db, hits[i].passage_id);
        docids.push_back(id);
        if (id == 0) continue;
        hit_of[id] = i;
        id_terms.emplace_back(passage_id_term(hits[i].passage_id));
    }
    const Xapian::Query only_hits(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());

    // shares[hit][label] accumulates: a term twice in the query is two parts of the score.
    std::vector<std::map<std::string, ScorePart>> shares(hits.size());
    try {
        for (const Unit& unit : units) {
            enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, unit.query, only_hits));
            Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(hits.size()));
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                auto found = hit_of.find(*it);
                if (found == hit_of.end()) continue;
                auto [part, fresh] = shares[found->second].try_emplace(unit.label);
                if (fresh) {
                    part->second.label = unit.label;
                    part->second.is_term = unit.is_term;
                    part->second.occurrences = 0;
                }
                part->second.weight += it.get_weight();
                ++part->second.occurrences;
            }
        }
    } catch (...) {
        enquire.set_query(original);
        throw;
    }
    enquire.set_query(original);

    for (std::size_t i = 0; i < hits.size(); ++i) {
        Explanation e;
        e.passages = db.get_doccount();
        e.average_length = db.get_avlength();
        const Xapian::docid id = docids[i];
        if (id != 0) e.length = db.get_doclength(id);
        const std::vector<Token> tokens = analyzer.tokenize(hits[i].text);
        for (auto& [label, part] : shares[i]) {
            if (part.is_term && id != 0) {
                part.termfreq = db.get_termfreq(label);
                Xapian::TermIterator t = db.termlist_begin(id);
                t.skip_to(label);
                if (t != db.termlist_end(id) && *t == label) part.wdf = t.get_wdf();
                for (const Token& token : tokens) {
                    if (token.term == label) {
                        part.word =
                            text::ascii_lower(std::string_view(hits[i].text)
                                                  .substr(token.begin, token.end - token.begin));
                        break;
                    }
                }
            }
            e.sum += part.weight;
            e.parts.push_back(std::move(part));
        }
        std::stable_sort(
            e.parts.begin(), e.parts.end(),
            [](const ScorePart& a, const ScorePart& b) { return a.weight > b.weight; });
        hits[i].explanation = std::move(e);
    }
}

}  // namespace dossier
