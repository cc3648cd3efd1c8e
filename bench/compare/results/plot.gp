set terminal pngcairo size 1200,900 font 'sans,10'
set output '/work/main/bench/compare/results/wall-time.png'
$d0 << EOD
20 5.914
150 57.918
1000 397.513
EOD
$d1 << EOD
20 49.608
EOD
$d2 << EOD
20 84.640
EOD
$d3 << EOD
20 5.346
150 49.677
EOD
$d4 << EOD
20 3.488
150 34.547
1000 214.506
EOD
$d5 << EOD
20 51.211
EOD
$d6 << EOD
20 70.738
EOD
$d7 << EOD
20 2.980
150 29.282
EOD
$d8 << EOD
20 25.317
150 250.169
EOD
$d9 << EOD
20 279.155
EOD
$d10 << EOD
20 214.556
EOD
$d11 << EOD
20 23.083
150 219.303
EOD
$d12 << EOD
20 12.806
150 115.235
EOD
$d13 << EOD
20 265.205
EOD
$d14 << EOD
20 213.023
EOD
$d15 << EOD
20 11.926
150 116.730
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
