from rzn.cli import main

raise SystemExit(main())
