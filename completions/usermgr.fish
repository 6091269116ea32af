complete --keep-order --exclusive --command usermgr --arguments "(USERMGR_COMPLETE=fish usermgr -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
