// From the portfolio's [delivery] settings, the environment and the command
// line to a ready transport and engine settings; every problem found is
// listed before anything is sent.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/environment.hpp"
#include "deliver/engine.hpp"
#include "deliver/transport.hpp"
#include "model/portfolio.hpp"
#include "util/redact.hpp"

namespace quarterdeck::cli {

struct DeliveryOverrides {
  std::string transport;  // --transport
  std::string smtp_url;   // --smtp-url
  std::string waves;      // --waves 5,3
  double rate = -1;       // --rate (messages per second); -1: from config
  bool at_most_once = false;
};

struct DeliverySetup {
  std::unique_ptr<deliver::Transport> transport;
  deliver::EngineSettings engine;
  std::vector<std::string> problems;  // empty when ready to send
};

// `directory` is the portfolio's (the outbox lives under it). The transport
// returned passes what it says (its check's problems, every send error,
// which the engine stores as last_error) through `redactor`.
DeliverySetup setup_delivery(const Portfolio& portfolio, const std::string& directory, const Environment& env,
                             const DeliveryOverrides& overrides, const Redactor& redactor);

}  // namespace quarterdeck::cli
