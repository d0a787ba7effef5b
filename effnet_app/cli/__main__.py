from effnet_app.cli import main

raise SystemExit(main())
