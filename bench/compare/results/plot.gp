set terminal pngcairo size 1200,900 font 'sans,10'
set output '/work/main/bench/compare/results/wall-time.png'
$d0 << EOD
20 1.444
150 9.147
1000 56.133
EOD
$d1 << EOD
20 10.861
EOD
$d2 << EOD
20 19.656
EOD
$d3 << EOD
20 1.099
150 6.273
1000 42.293
EOD
$d4 << EOD
20 0.963
150 5.281
1000 27.603
EOD
$d5 << EOD
20 8.957
EOD
$d6 << EOD
20 16.285
EOD
$d7 << EOD
20 0.690
150 3.847
1000 22.078
EOD
$d8 << EOD
20 3.716
150 26.731
1000 179.102
EOD
$d9 << EOD
20 78.321
EOD
$d10 << EOD
20 56.344
EOD
$d11 << EOD
20 3.852
150 24.020
1000 139.504
EOD
$d12 << EOD
20 2.182
150 14.160
1000 85.514
EOD
$d13 << EOD
20 82.947
EOD
$d14 << EOD
20 52.393
EOD
$d15 << EOD
20 2.192
150 11.469
1000 93.784
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
