set terminal pngcairo size 1200,900 font 'sans,10'
set output '/work/main/bench/compare/results/wall-time.png'
$d0 << EOD
10 10.073
EOD
$d1 << EOD
10 54.859
EOD
$d2 << EOD
10 6.921
EOD
$d3 << EOD
10 9.602
EOD
$d4 << EOD
10 74.724
EOD
$d5 << EOD
10 4.803
EOD
$d6 << EOD
10 23.409
EOD
$d7 << EOD
10 389.696
EOD
$d8 << EOD
10 16.855
EOD
$d9 << EOD
10 17.882
EOD
$d10 << EOD
10 356.375
EOD
$d11 << EOD
10 10.294
EOD
set multiplot layout 2,2 title 'Median wall time against hosts (loopback sshd hosts)'
set xlabel 'hosts'
set ylabel 'wall time (s)'
set logscale y
set grid
set key top left
set xtics (10)
set xrange [0:11]
set title 'pyinfra, first run'
plot $d0 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d1 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d2 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'pyinfra, converged run'
plot $d3 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d4 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d5 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, first run'
plot $d6 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d7 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d8 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, converged run'
plot $d9 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d10 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d11 using 1:2 with linespoints lw 2 pt 7 title 'floor'
unset multiplot
