from xmqw.cli import main

main()
