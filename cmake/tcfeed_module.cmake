# tcfeed_module(NAME DIR dir [RECURSE] [EXCLUDE file] [DEPENDS module...]): the object library
# tcfeed_NAME from DIR/*.cpp (and its subfolders' with RECURSE), linked to the modules it may use.
# The layering is enforced, not only documented: every
# `#include "<folder>/..."` of the project in DIR must name DIR itself or a folder of a module that
# NAME depends on, directly or through its dependencies. The check runs as a build step whenever a
# file in DIR changes, so including a header from a later stage (the stream reaching into the
# engine, a connector into delivery) fails the build with the file and line. docs/architecture.md
# draws the layers.
set(TCFEED_INCLUDE_CHECK ${CMAKE_CURRENT_LIST_DIR}/check_includes.cmake)

function(tcfeed_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "RECURSE" "DIR;EXCLUDE" "DEPENDS")
  set(glob GLOB)
  if(arg_RECURSE)
    set(glob GLOB_RECURSE)
  endif()
  file(${glob} sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${arg_DIR}/*.cpp)
  file(${glob} headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${arg_DIR}/*.hpp)
  if(arg_EXCLUDE)  # a file of the folder that another target compiles (main.cpp, asio_impl.cpp)
    list(FILTER sources EXCLUDE REGEX "/${arg_EXCLUDE}$")
  endif()
  set(allowed ${arg_DIR})
  foreach(dependency IN LISTS arg_DEPENDS)
    if(NOT TARGET tcfeed_${dependency})
      message(FATAL_ERROR "module ${name} depends on ${dependency}, which is not declared before it")
    endif()
    get_target_property(dependency_dirs tcfeed_${dependency} TCFEED_ALLOWED_DIRS)
    list(APPEND allowed ${dependency_dirs})
  endforeach()
  list(REMOVE_DUPLICATES allowed)

  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/layering/${name}.checked)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} "-DMODULE=${name}" "-DROOT=${PROJECT_SOURCE_DIR}" "-DALLOWED=${allowed}"
            "-DFILES=${sources};${headers}" "-DSTAMP=${stamp}" -P ${TCFEED_INCLUDE_CHECK}
    DEPENDS ${sources} ${headers} ${TCFEED_INCLUDE_CHECK}
    COMMENT "Checking the includes of module ${name} against its layer" VERBATIM)

  add_library(tcfeed_${name} OBJECT ${sources} ${stamp})
  list(TRANSFORM arg_DEPENDS PREPEND tcfeed_)
  target_link_libraries(tcfeed_${name} PUBLIC tcfeed_deps ${arg_DEPENDS} PRIVATE tcfeed_warnings)
  set_target_properties(tcfeed_${name} PROPERTIES TCFEED_ALLOWED_DIRS "${allowed}")
endfunction()
