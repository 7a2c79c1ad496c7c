from civread.cli import main

raise SystemExit(main())
