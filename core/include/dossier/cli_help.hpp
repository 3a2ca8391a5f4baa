// `--help` for both tools: options grouped by job (CLI11 option groups), each group followed by
// one example. Header-only: the tools' app libraries already link CLI11, dossier_core does not.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace dossier {

class GroupedHelp : public CLI::Formatter {
  public:
    /// `examples`: group name -> one command line that shows the group at work.
    explicit GroupedHelp(std::map<std::string, std::string> examples)
        : m_examples(std::move(examples)) {
        column_width(34);
    }

    std::string make_group(std::string group, bool is_positional,
                           std::vector<const CLI::Option*> opts) const override {
        std::string out = CLI::Formatter::make_group(group, is_positional, std::move(opts));
        auto it = m_examples.find(group);
        if (it != m_examples.end()) out += "  example: " + it->second + "\n";
        return out;
    }

  private:
    std::map<std::string, std::string> m_examples;
};

}  // namespace dossier
