// Facet counts over the whole match set: a MatchSpy that reads the facet value slots, exact for
// multi-valued actors, mergeable across shards.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dossier {

/// facet name -> value -> count
using FacetCounts = std::map<std::string, std::map<std::string, Xapian::doccount>>;

/// The facet names users may ask for, in display order.
const std::vector<std::string>& facet_names();

/// Counts each matching passage once per value (or, with `per_article`, each article once).
class FacetSpy : public Xapian::MatchSpy {
public:
    /// Throws UsageError naming an unknown facet and listing the valid ones.
    FacetSpy(std::vector<std::string> facets, bool per_article);

    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;
    std::string serialise() const override;
    Xapian::MatchSpy* unserialise(const std::string& serialised,
                                  const Xapian::Registry& context) const override;
    std::string serialise_results() const override;
    void merge_results(const std::string& serialised) override;
    std::string get_description() const override;

    /// The counts; with `per_article`, distinct articles per value.
    FacetCounts counts() const;

private:
    void add(const std::string& facet, std::string_view value, const std::string& article);

    std::vector<std::string> m_facets;
    bool m_per_article = false;
    FacetCounts m_counts;
    std::map<std::string, std::map<std::string, std::set<std::string>>> m_articles;
};

/// The facet values of one stored document, for brute-force checks and tests.
std::vector<std::string> facet_values(const Xapian::Document& doc, std::string_view facet);

}  // namespace dossier
