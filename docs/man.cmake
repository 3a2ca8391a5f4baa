# Writes one man page: cmake -DHELP2MAN=... -DTOOL=binary -DNAME=dossier-query -DSUMMARY=...
#   -DSUBCOMMANDS="show;eval" -DVERSION=0.1.0 -DSTATIC=dossier-query.h2m -DOUT=page.1 -P man.cmake
# help2man reads `TOOL --help`; each subcommand's `--help` becomes a section of its own, added
# through help2man's --include file together with the static sections of STATIC.
get_filename_component(out_dir "${OUT}" DIRECTORY)
set(include_file "${out_dir}/${NAME}.generated.h2m")
file(READ "${STATIC}" static_sections)
set(generated "")
foreach(sub IN LISTS SUBCOMMANDS)
  execute_process(COMMAND "${TOOL}" ${sub} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${TOOL} ${sub} --help failed (${rc})")
  endif()
  # roff: backslashes are escapes, a leading dot or quote is a request.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(TOUPPER "${sub}" upper)
  string(APPEND generated "[COMMAND ${upper}]\n.nf\n${help}\n.fi\n\n")
endforeach()
file(WRITE "${include_file}" "${generated}${static_sections}")
execute_process(
  COMMAND "${HELP2MAN}" --no-info --no-discard-stderr "--name=${SUMMARY}"
          "--version-string=${VERSION}" "--include=${include_file}" "--output=${OUT}" "${TOOL}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed on ${TOOL} (${rc})")
endif()
