from smarkmeet.cli import main

main()
