import cProfile, pstats, os
_pr = cProfile.Profile()
_pr.enable()
try:
    exec(compile(open("streamlit_app.py", encoding="utf-8").read(), "streamlit_app.py", "exec"))
finally:
    _pr.disable()
    _pr.dump_stats(os.environ.get("ZX_PROF_OUT", "/tmp/page.prof"))
