set terminal pngcairo size 1200,900 font 'sans,10'
set output '/work/main/bench/compare/results/wall-time.png'
$d0 << EOD
20 1.109
150 9.738
1000 51.579
EOD
$d1 << EOD
20 10.056
EOD
$d2 << EOD
20 16.552
EOD
$d3 << EOD
20 1.002
150 6.242
1000 50.415
EOD
$d4 << EOD
20 0.758
150 5.358
1000 28.814
EOD
$d5 << EOD
20 9.678
EOD
$d6 << EOD
20 18.035
EOD
$d7 << EOD
20 0.724
150 3.585
1000 27.184
EOD
$d8 << EOD
20 3.386
150 28.227
1000 185.268
EOD
$d9 << EOD
20 74.487
EOD
$d10 << EOD
20 51.897
EOD
$d11 << EOD
20 3.491
150 20.998
1000 130.287
EOD
$d12 << EOD
20 1.731
150 13.835
1000 86.027
EOD
$d13 << EOD
20 72.091
EOD
$d14 << EOD
20 59.714
EOD
$d15 << EOD
20 2.006
150 12.335
1000 68.870
EOD
set multiplot layout 2,2 title 'Median wall time against hosts (loopback sshd hosts)'
set xlabel 'hosts'
set ylabel 'wall time (s)'
set logscale y
set grid
set key top left
set xtics (20, 150, 1000)
set xrange [0:1100]
set title 'pyinfra, first run'
plot $d0 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d1 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d2 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d3 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'pyinfra, converged run'
plot $d4 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d5 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d6 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d7 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, first run'
plot $d8 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d9 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d10 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d11 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, converged run'
plot $d12 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d13 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d14 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d15 using 1:2 with linespoints lw 2 pt 7 title 'floor'
unset multiplot
