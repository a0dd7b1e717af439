#include <cstdio>
#include <iostream>
#include <string>

#include "api/route_json.h"
#include "app/commands.h"
#include "router/planner.h"
#include "server/dispatcher.h"
#include "wire/openai/codec.h"

namespace splitpoint::app {

Result<std::shared_ptr<const config::Config>> load_config(const std::string& file) {
  if (file.empty()) return std::make_shared<const config::Config>(config::default_config());
  auto c = config::load_config_file(file);
  if (!c.ok()) return c.status();
  return std::make_shared<const config::Config>(std::move(c).value());
}

int run_route(const std::string& config_file) {
  auto config = load_config(config_file);
  if (!config.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", config.status().message().c_str());
    return 2;
  }
  server::SharedState state(**config);
  auto planner = router::Planner::create(*config, state.view());
  if (!planner.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", planner.status().message().c_str());
    return 2;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto request = wire::openai::decode_chat_request(line);
    if (!request.ok()) {
      std::cout << wire::openai::encode_error(request.status()) << '\n';
      continue;
    }
    auto plan = std::make_shared<router::Plan>((*planner)->plan_chat(*request, "", ""));
    if (!plan->ok()) {
      std::cout << wire::openai::encode_error(plan->refusal) << '\n';
      continue;
    }
    std::cout << api::route_json(server::route_of(std::move(plan), **config)) << '\n';
  }
  std::cout.flush();
  return 0;
}

}  // namespace splitpoint::app
