set terminal pngcairo size 1200,900 font 'sans,10'
set output '/work/main/bench/compare/results/wall-time.png'
$d0 << EOD
20 5.936
150 43.096
EOD
$d1 << EOD
20 41.686
EOD
$d2 << EOD
20 72.106
EOD
$d3 << EOD
20 4.982
150 39.472
EOD
$d4 << EOD
20 3.568
150 24.530
EOD
$d5 << EOD
20 37.824
EOD
$d6 << EOD
20 65.314
EOD
$d7 << EOD
20 2.902
150 25.969
EOD
$d8 << EOD
20 27.359
150 228.089
EOD
$d9 << EOD
20 252.096
EOD
$d10 << EOD
20 184.378
EOD
$d11 << EOD
20 22.067
150 195.677
EOD
$d12 << EOD
20 14.204
150 103.125
EOD
$d13 << EOD
20 223.110
EOD
$d14 << EOD
20 200.118
EOD
$d15 << EOD
20 11.750
150 105.322
EOD
set multiplot layout 2,2 title 'Median wall time against hosts (loopback sshd hosts)'
set xlabel 'hosts'
set ylabel 'wall time (s)'
set logscale y
set grid
set key top left
set xtics (20, 150)
set xrange [0:165]
set title 'pyinfra, first run'
plot $d0 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d1 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d2 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d3 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'pyinfra, converged run'
plot $d4 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d5 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d6 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d7 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, first run'
plot $d8 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d9 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d10 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d11 using 1:2 with linespoints lw 2 pt 7 title 'floor'
set title 'realistic, converged run'
plot $d12 using 1:2 with linespoints lw 2 pt 7 title 'tsible', $d13 using 1:2 with linespoints lw 2 pt 7 title 'ansible', $d14 using 1:2 with linespoints lw 2 pt 7 title 'mitogen', $d15 using 1:2 with linespoints lw 2 pt 7 title 'floor'
unset multiplot
