# The privacy detector's Hyperscan database, compiled at build time (issue #6: serving then never
# touches Hyperscan's compiler, ~3 MB of libhs pages). splitpoint-hs-compile is built from the
# pattern table's own sources (not from sp_privacy, which embeds its output), runs, and writes
# generated/privacy_hsdb.cc, compiled into sp_privacy. Included after sp_module(sp_privacy ...).
set(sp_hs_pattern_srcs patterns.cc hsdb.cc checks.cc verify.cc phone.cc)
list(TRANSFORM sp_hs_pattern_srcs PREPEND ${CMAKE_SOURCE_DIR}/src/privacy/)
add_executable(splitpoint-hs-compile ${CMAKE_SOURCE_DIR}/tools/hs_compile/main.cc
               ${sp_hs_pattern_srcs})
target_include_directories(splitpoint-hs-compile PRIVATE ${CMAKE_SOURCE_DIR}/include
                           ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(splitpoint-hs-compile PRIVATE PkgConfig::HYPERSCAN)
set_target_properties(splitpoint-hs-compile PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                      ${CMAKE_BINARY_DIR}/tools/hs_compile)

set(sp_hsdb_cc ${CMAKE_BINARY_DIR}/generated/privacy_hsdb.cc)
add_custom_command(OUTPUT ${sp_hsdb_cc}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
  # The tool runs instrumented in sanitizer/fuzz builds: no leak check needed for a build step.
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
          $<TARGET_FILE:splitpoint-hs-compile> ${sp_hsdb_cc}
  DEPENDS splitpoint-hs-compile
  COMMENT "Compiling the privacy patterns (Hyperscan database)" VERBATIM)
target_sources(sp_privacy PRIVATE ${sp_hsdb_cc})
