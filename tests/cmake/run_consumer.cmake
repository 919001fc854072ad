# Installs the built tree into WORK/prefix, as README says (cmake --install BUILD --prefix
# DIR), then builds and runs two kinds of consumer against that install:
#  - tests/cmake/consumer with find_package(ecredit): consumer_cpp (ecredit::ecredit) and
#    consumer_c (ecredit::c);
#  - the same two sources with pkg-config only, as a host without CMake does:
#    $CXX main.cpp $(pkg-config --cflags --libs ecredit) and
#    $CC main.c $(pkg-config --cflags --libs ecredit_c), PKG_CONFIG_PATH the installed
#    pkgconfig folder.
# Arguments: SRC BUILD WORK GENERATOR PKG_CONFIG CC CXX (CC, CXX, PKG_CONFIG may be empty:
# the pkg-config part then fails, it is not skipped).
file(REMOVE_RECURSE "${WORK}")
set(prefix "${WORK}/prefix")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${prefix}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SRC}/tests/cmake/consumer" -B "${WORK}/build" -G "${GENERATOR}"
                        "-DCMAKE_PREFIX_PATH=${prefix}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK}/build" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the consumer failed")
endif()
foreach(exe consumer_cpp consumer_c)
  execute_process(COMMAND "${WORK}/build/${exe}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${exe} failed (${rc}): ${out}")
  endif()
  message(STATUS "${exe}: ${out}")
endforeach()

# --- pkg-config ----------------------------------------------------------------------
file(GLOB pcdir LIST_DIRECTORIES true "${prefix}/lib*/pkgconfig" "${prefix}/lib/*/pkgconfig")
if(NOT pcdir)
  message(FATAL_ERROR "no pkgconfig folder under ${prefix}: ecredit.pc is not installed")
endif()
list(GET pcdir 0 pcdir)
if(NOT PKG_CONFIG OR NOT CC OR NOT CXX)
  message(FATAL_ERROR "pkg-config consumer: need PKG_CONFIG, CC and CXX (got '${PKG_CONFIG}' '${CC}' '${CXX}')")
endif()
file(MAKE_DIRECTORY "${WORK}/pc")
# pc name, compiler, source, extra flags
foreach(spec "ecredit|${CXX}|main.cpp|-std=c++17" "ecredit_c|${CC}|main.c|-std=c99")
  string(REPLACE "|" ";" spec "${spec}")
  list(GET spec 0 pc)
  list(GET spec 1 compiler)
  list(GET spec 2 source)
  list(GET spec 3 std)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pcdir}" "${PKG_CONFIG}" --cflags --libs ${pc}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags --libs ${pc} failed: ${err}")
  endif()
  foreach(var includedir libdir)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pcdir}" "${PKG_CONFIG}" --variable=${var} ${pc}
                    OUTPUT_VARIABLE ${var} OUTPUT_STRIP_TRAILING_WHITESPACE)
    file(REAL_PATH "${${var}}" ${var})
  endforeach()
  file(REAL_PATH "${prefix}/include" want_inc)
  if(NOT includedir STREQUAL want_inc)
    message(FATAL_ERROR "pkg-config ${pc}: includedir ${includedir} is not the installed ${want_inc}")
  endif()
  message(STATUS "pkg-config --cflags --libs ${pc}: ${flags}")
  separate_arguments(flag_list UNIX_COMMAND "${flags}")
  set(exe "${WORK}/pc/pc_${pc}")
  execute_process(COMMAND "${compiler}" ${std} "${SRC}/tests/cmake/consumer/${source}" ${flag_list} -o "${exe}"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${compiler} ${source} $(pkg-config --cflags --libs ${pc}) failed: ${err}")
  endif()
  # The shared C library is found the way a host finds it without an rpath.
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${libdir}" "${exe}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pc_${pc} failed (${rc}): ${out} ${err}")
  endif()
  message(STATUS "pc_${pc}: ${out}")
endforeach()
