
set edit:completion:arg-completer[usermgr] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) USERMGR_COMPLETE="elvish" usermgr -- $@words) | to-lines
}

