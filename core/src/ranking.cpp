#include "dossier/ranking.hpp"

#include <algorithm>

#include "dossier/schema.hpp"

namespace dossier::ranking {
namespace {

// Words index as terms starting with a lower-case letter or a digit; prefixed terms (filters,
// `title:` words) start with a capital.
bool is_content_term(const std::string& term) {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

// Feedback terms: words of the text, not filters, not words already in the query, not single
// characters (initials and list letters).
class FeedbackDecider : public Xapian::ExpandDecider {
  public:
    explicit FeedbackDecider(std::vector<std::string> query_terms)
        : m_query(std::move(query_terms)) {
        std::sort(m_query.begin(), m_query.end());
    }
    bool operator()(const std::string& term) const override {
        return term.size() > 1 && is_content_term(term) &&
               !std::binary_search(m_query.begin(), m_query.end(), term);
    }

  private:
    std::vector<std::string> m_query;
};

}  // namespace

Options default_options(bool expand) {
    Options o;
    if (expand) o.expand_terms = 30;
    return o;
}

void configure(Xapian::Enquire& enquire, const Options& options) {
    // IneB2 rather than BM25: a training mean within 0.001 of BM25's, and no collection below
    // the best baseline where BM25 left MED 1.3% below it (ranking.hpp, tests/ranking/README.md).
    enquire.set_weighting_scheme(Xapian::IneB2Weight(options.c));
}

std::vector<std::string> content_terms(const Xapian::Query& query) {
    std::vector<std::string> terms;
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
        if (is_content_term(*it)) terms.push_back(*it);
    }
    return terms;
}

Xapian::Query expand(const Xapian::Database& db, const Xapian::Query& query, const Options& options,
                     bool widen) {
    if (options.expand_terms == 0 || query.empty()) return query;
    std::vector<std::string> words = content_terms(query);
    if (words.empty()) return query;  // a pure filter has nothing to expand

    Xapian::Enquire first(db);
    configure(first, options);
    first.set_query(query);
    // One passage per article: ten passages of one long article would make a narrow ESet.
    first.set_collapse_key(schema::article_slot, 1);
    // Ties and term statistics as in one database, so shards expand to the same query.
    first.set_sort_by_relevance_then_value(schema::passage_order_slot, false);
    Xapian::MSet top = first.get_mset(0, options.expand_docs);
    if (top.empty()) return query;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    FeedbackDecider decider(std::move(words));
    Xapian::ESet eset =
        first.get_eset(options.expand_terms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    if (eset.empty()) return query;

    const double best = eset.begin().get_weight();
    std::vector<Xapian::Query> extra;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        const double scale = best > 0 ? options.expand_weight * it.get_weight() / best : 0;
        if (scale > 0) {
            extra.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), scale);
        }
    }
    if (extra.empty()) return query;
    const Xapian::Query feedback(Xapian::Query::OP_OR, extra.begin(), extra.end());
    const auto op = widen ? Xapian::Query::OP_OR : Xapian::Query::OP_AND_MAYBE;
    // Filters stay filters: FILTER(text, f...) becomes FILTER(text OR feedback, f...).
    if (query.get_type() == Xapian::Query::OP_FILTER && query.get_num_subqueries() > 1) {
        std::vector<Xapian::Query> parts;
        parts.emplace_back(op, query.get_subquery(0), feedback);
        for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
            parts.push_back(query.get_subquery(i));
        }
        return Xapian::Query(Xapian::Query::OP_FILTER, parts.begin(), parts.end());
    }
    return Xapian::Query(op, query, feedback);
}

}  // namespace dossier::ranking
