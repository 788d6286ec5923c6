// `quarterdeck schedule DIR --emit systemd|cron`: the portfolio's schedule
// for the operating system's scheduler, which then runs
// `quarterdeck serve DIR --once` at each report's times (docs/operations.md,
// "Running it unattended").
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "cli/common.hpp"
#include "config/cron.hpp"
#include "config/cron_systemd.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {
namespace {

// The quarterdeck that prints the units is the one they run.
std::string this_program() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("/usr/local/bin/quarterdeck") : self.string();
}

// DIR as given on the command line, made absolute (symbolic links kept: a
// link such as /srv/current may be meant to move).
std::string absolute_directory(const std::string& directory) {
  std::error_code ec;
  std::string out = std::filesystem::absolute(directory, ec).lexically_normal().string();
  if (ec) out = directory;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool plain_word(std::string_view word) {
  return !word.empty() && word.find_first_not_of(
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                              "_./-+:@,=") == std::string_view::npos;
}

// A word of a systemd command line (systemd.service(5) "Command lines"):
// `%` and `$` doubled, and quoted when it holds anything but plain characters.
std::string systemd_word(std::string_view word) {
  std::string escaped;
  for (char c : word) {
    if (c == '%' || c == '$') escaped += c;
    if (!plain_word(word) && (c == '"' || c == '\\')) escaped += '\\';
    escaped += c;
  }
  return plain_word(word) ? escaped : "\"" + escaped + "\"";
}

// A word of a crontab command, read by /bin/sh; `%` means a new line to cron.
std::string cron_word(std::string_view word) {
  if (plain_word(word)) return std::string(word);
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else if (c == '%') {
      quoted += "\\%";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// Text for a unit file's value: `%` is a specifier there.
std::string unit_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += '%';
    if (c == '\n') c = ' ';
    out += c;
  }
  return out;
}

// Each distinct schedule once, with the reports that share it, in the
// portfolio's order.
struct ScheduleGroup {
  std::string schedule;
  std::vector<std::string> reports;
  CronSchedule parsed;
};

std::vector<ScheduleGroup> schedule_groups(const Portfolio& p) {
  std::vector<ScheduleGroup> groups;
  for (const auto& def : p.reports) {
    if (def.schedule.empty()) continue;
    const auto parsed = parse_cron(def.schedule);
    if (!parsed) continue;  // the loader reported it
    auto it = std::ranges::find(groups, def.schedule, &ScheduleGroup::schedule);
    if (it == groups.end()) {
      groups.push_back({def.schedule, {}, *parsed});
      it = groups.end() - 1;
    }
    it->reports.push_back(def.id);
  }
  return groups;
}

void emit_systemd(const Output& out, const Portfolio& p, const std::string& name,
                  const std::string& directory, const std::vector<ScheduleGroup>& groups) {
  std::string unit = "quarterdeck-" + slugify(name);
  if (unit == "quarterdeck-") unit = "quarterdeck-portfolio";
  const std::string command =
      fmt::format("{} serve {} --once", systemd_word(this_program()), systemd_word(directory));
  out.print("# Quarterdeck for {}: a systemd service and its timer.\n", name);
  out.print(
      "# Save the two units below, each under its name, in /etc/systemd/system/\n"
      "# (for your own user: ~/.config/systemd/user/ and systemctl --user), then:\n"
      "#   systemctl daemon-reload\n"
      "#   systemctl enable --now {0}.timer\n"
      "#   systemctl list-timers '{0}*'\n"
      "# The timer fires at each report's times in {1}; `serve --once` then\n"
      "# sends the reports that are due and exits. Its output is in the journal:\n"
      "#   journalctl -u {0}.service\n",
      unit, p.timezone);
  out.print("\n### {}.service\n", unit);
  out.print(
      "[Unit]\nDescription=Quarterdeck reports of {}\nWants=network-online.target\n"
      "After=network-online.target\n\n",
      unit_text(name));
  out.print("[Service]\nType=oneshot\nExecStart={}\n", command);
  out.print("# A user who may write {}/.quarterdeck:\n#User=quarterdeck\n", unit_text(directory));
  out.print(
      "# Credentials that are not in the portfolio's env file (SMTP_URL, ...):\n"
      "#EnvironmentFile=/etc/quarterdeck/{}.env\n",
      slugify(name));
  out.print("\n### {}.timer\n", unit);
  out.print("[Unit]\nDescription=Quarterdeck report schedule of {}\n\n[Timer]\n", unit_text(name));
  for (const auto& g : groups) {
    out.print("# {}: {}\n", join(g.reports, ", "), g.schedule);
    for (const auto& event : on_calendar(g.parsed, p.timezone)) out.print("OnCalendar={}\n", event);
  }
  out.print("# A run missed while the machine was off happens when it is back.\nPersistent=true\n");
  out.print("\n[Install]\nWantedBy=timers.target\n");
}

void emit_cron(const Output& out, const Portfolio& p, const std::string& name,
               const std::string& directory, const std::vector<ScheduleGroup>& groups) {
  const std::string command =
      fmt::format("{} serve {} --once", cron_word(this_program()), cron_word(directory));
  out.print(
      "# Quarterdeck for {}: crontab lines. Add them with `crontab -e` as the\n"
      "# user who may write {}/.quarterdeck.\n",
      name, directory);
  out.print(
      "# CRON_TZ makes cron read the times below in {}. cronie reads it\n"
      "# (Fedora, RHEL, Arch; the `cronie` package elsewhere); Debian's and Ubuntu's\n"
      "# `cron` and busybox crond do not, and would run these lines at the machine's\n"
      "# own local times. With such a cron, use this one line instead:\n"
      "#   */5 * * * * {}\n"
      "# `serve --once` sends only the reports that are due, in the portfolio's time zone.\n",
      p.timezone, command);
  out.print("CRON_TZ={}\n", p.timezone);
  for (const auto& g : groups) {
    out.print("# {}\n{} {}\n", join(g.reports, ", "), g.schedule, command);
  }
}

}  // namespace

// For schedule.cpp: prints the units or the crontab of `ws`'s portfolio;
// `directory` as given on the command line.
int emit_schedule(const Workspace& ws, const std::string& directory, const std::string& kind,
                  const Output& out) {
  const Portfolio& p = ws.config.portfolio;
  const auto groups = schedule_groups(p);
  if (groups.empty()) {
    out.error("{}: no report has a `schedule`, so there is nothing to run on one\n",
              (ws.directory / "portfolio.toml").string());
    return k_exit_invalid;
  }
  const std::string name = out.redactor().apply(p.name);
  if (kind == "systemd") {
    emit_systemd(out, p, name, absolute_directory(directory), groups);
  } else {
    emit_cron(out, p, name, absolute_directory(directory), groups);
  }
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
