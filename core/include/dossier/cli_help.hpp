// `--help` for both tools: options grouped by job (CLI11 option groups), each group followed by
// one example. Header-only: the tools' app libraries already link CLI11, dossier_core does not.
#pragma once

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dossier/exit_code.hpp"

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

/// Runs `parse` (one of `app`'s parse calls). Returns the exit status when parsing ends the run:
/// 0 after `--help` or `--version`, 2 after a usage error, printed as one line
/// "`program`: reason" on stderr; nullopt when the command should run.
template <class Parse>
std::optional<int> parse_command_line(CLI::App& app, std::string_view program, Parse parse) {
    try {
        parse();
        return std::nullopt;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr, "{}: {}\n", program, e.what());
        return to_int(ExitCode::usage);
    }
}

}  // namespace dossier
